import type { Activity } from 'botbuilder';
import { Conversation, replyIds, textOf, triageOf } from './support/conversation';
import { runStory } from './support/stories';

const channelDataOf = (reply: Partial<Activity> | undefined) => reply?.channelData as Record<string, unknown> | undefined;

describe('staff mode (the flows as a call script)', () => {
  it('prompts staff with what to ask and what to listen for, then advice, rationale and the record', async () => {
    const conversation = new Conversation();
    expect(replyIds(await conversation.send('staff mode'))).toEqual(['staff_mode_on']);

    const question = await conversation.send('caller says she feels nauseous');
    expect(textOf(question)).toContain('Ask: is the patient having trouble breathing?');
    expect(textOf(question)).toContain('Listen for: gasping, blue lips');

    await conversation.send('No');
    const end = await conversation.send('no');
    // Staff get the record without being asked.
    expect(replyIds(end)).toEqual(['triage.advice', 'wrap_up.summary', 'wrap_up.anything_else']);
    expect(triageOf(end)).toMatchObject({ level: 'self-care', findings: ['nausea'] });
    // The rationale says in plain words what counted and what it adds up to; no ids. The advice is the staff wording.
    expect(textOf(end.slice(0, 1))).toContain('nausea: the caller said "nauseous"');
    expect(textOf(end.slice(0, 1))).toMatch(/Nausea → SELF-CARE/i);
    expect(textOf(end.slice(0, 1))).not.toMatch(/finding:|phrase "|\[rule/);
    expect(textOf(end.slice(0, 1))).toContain('Tell the caller: Rest and drink water.');

    const summary = channelDataOf(end[1])?.['summary'];
    expect(summary).toMatchObject({
      level: 'self-care',
      findings: ['nausea'],
      asked: [{ id: 'ask_breathing', answer: 'no' }, { id: 'ask_hallucinations', answer: 'no' }],
      advice: ['self_care_general'],
      time: '2026-11-28T10:30:00.000Z',
      contentVersion: expect.stringMatching(/^tiny-1\+/),
    });
    // The record holds finding names, never the caller's own words.
    expect(textOf(end.slice(1, 2))).not.toContain('nauseous');
    expect(textOf(end.slice(1, 2))).toContain('Ask: is the patient having trouble breathing? No');
    // The ids are on the record only, in its small last line.
    expect(textOf(end.slice(1, 2))).toMatch(/For the record: findings nausea; rules none$/);
  });

  it('an emergency still interrupts at once, with the record after the advice', async () => {
    await runStory({
      name: 'staff emergency',
      turns: [
        { user: 'staff mode', expect: { replies: ['staff_mode_on'] } },
        { user: 'she feels nauseous', expect: { asks: 'ask_breathing' } },
        { user: 'he has just collapsed', expect: { replies: ['emergency.advice', 'emergency.record'], triage: { level: 'emergency' }, says: ['112'] } },
      ],
    });
  });

  it('switching mode mid-question asks the question again in the new voice', async () => {
    const conversation = new Conversation();
    await conversation.send('I feel nauseous');
    const switched = await conversation.send('staff mode');
    expect(replyIds(switched)).toEqual(['staff_mode_on', 'triage.screen']);
    expect(textOf(switched)).toContain('Listen for:');
    const back = await conversation.send('patient mode');
    expect(replyIds(back)).toEqual(['patient_mode_on', 'triage.screen']);
    expect(textOf(back)).not.toContain('Listen for:');
  });

  it.each(['directline', 'webchat'])('is never offered on the web chat channel (%s), even in local mode', async (channelId) => {
    const conversation = new Conversation({ channelId, localMode: true });
    expect(replyIds(await conversation.send('staff mode'))).toEqual(['staff_mode_refused']);
    await conversation.send('I feel nauseous');
    expect(textOf(await conversation.send('help'))).not.toMatch(/staff mode|patient mode/i);
  });

  it('is refused outside local mode on a channel other than Teams', async () => {
    const conversation = new Conversation({ channelId: 'emulator', localMode: false, staffUserIds: ['user-1'] });
    expect(replyIds(await conversation.send('staff mode'))).toEqual(['staff_mode_refused']);
  });
});
