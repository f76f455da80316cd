import { DEFAULT_DIALOGS_DIR, loadDialogs } from '../../src/dialogs';
import { createTriageEngine, loadKnowledge } from '../../src/triage';
import { Conversation, replyIds, triageOf } from './support/conversation';
import { runStory, type Story } from './support/stories';

/**
 * Context findings (knowledge tier `info`, e.g. `pump_user`, "my pump") set no level on their own:
 * a message with nothing else routes as a question or a topic would, never to the symptom flow; the
 * context is still kept, and counts through the core's rules with what comes later.
 */
const stories: Story[] = [
  {
    name: 'context alone: kept, and an invitation to ask or say what is happening, not the symptom flow',
    turns: [{ user: 'I have a question about my pump', expect: { replies: ['context.invite'], triage: { level: 'info', findings: ['pump_user'] }, says: ['112'] } }],
  },
  {
    name: 'context in a question: the question route',
    turns: [{ user: 'my husband has a baclofen pump, is it safe long term?', expect: { replies: ['information.no_answer', 'information.anything_else'], triage: { level: 'info' } } }],
  },
  {
    name: 'context beside a topic: the topic is answered',
    turns: [{ user: 'My husband has a pump. What is baclofen for?', expect: { replies: ['information.answer', 'information.anything_else'], says: ['uses answer'] } }],
  },
  {
    name: '"my pump", then itching: the pump rule makes it urgent, after the pump questions',
    turns: [
      { user: 'I have a question about my pump', expect: { replies: ['context.invite'] } },
      { user: "I'm itching all over", expect: { replies: ['triage.screen'], asks: 'ask_fever' } },
      { user: 'no', expect: { replies: ['triage.advice', 'wrap_up.offer_summary'], triage: { level: 'urgent', findings: ['pump_user', 'itching'] } } },
    ],
  },
  {
    name: 'itching alone is a matter for the prescriber',
    turns: [{ user: "I'm itching all over", expect: { replies: ['triage.advice', 'wrap_up.offer_summary'], triage: { level: 'prescriber', findings: ['itching'] } } }],
  },
  {
    name: 'context given while a question is pending is added, and the screening goes on',
    turns: [
      { user: 'I feel nauseous', expect: { asks: 'ask_breathing' } },
      { user: 'she has a pump', expect: { replies: ['noted', 'triage.screen'], asks: 'any:ask_breathing+ask_hallucinations+ask_fever' } },
    ],
  },
  {
    name: 'context beside a topic while a question is pending: the topic is answered aside',
    turns: [
      { user: 'I feel nauseous', expect: { asks: 'ask_breathing' } },
      { user: 'my pump, how do I come off it?', expect: { replies: ['topic_answer', 'triage.screen'], asks: 'any:ask_breathing+ask_hallucinations+ask_fever', says: ['stopping answer'] } },
    ],
  },
  {
    name: 'context that completes an emergency is the emergency interrupt, at once',
    turns: [
      { user: 'she has a fever and feels sick', expect: { asks: 'ask_breathing' } },
      { user: 'cancel', expect: { replies: ['cancelled'] } },
      { user: 'she has a pump', expect: { replies: ['emergency.advice'], triage: { level: 'emergency', findings: ['fever', 'pump_user'] }, says: ['112'] } },
    ],
  },
  {
    name: 'context that raises the level with no flow active and no advice given: the symptom flow',
    turns: [
      { user: "I'm itching all over and feel sick", expect: { asks: 'ask_breathing' } },
      { user: 'cancel', expect: { replies: ['cancelled'] } },
      { user: 'she has a pump', expect: { replies: ['triage.screen'], asks: 'any:ask_breathing+ask_hallucinations+ask_fever' } },
    ],
  },
  {
    name: 'after advice, context that changes nothing is not new advice',
    turns: [
      { user: 'I feel drowsy', expect: { asks: 'ask_breathing' } },
      { user: 'no', expect: { replies: ['triage.advice', 'wrap_up.offer_summary'] } },
      { user: 'no', expect: { replies: ['wrap_up.anything_else'] } },
      { user: 'she has a pump', expect: { replies: ['context.invite'] } },
    ],
  },
  {
    name: 'after advice, context that raises the level is new advice',
    turns: [
      { user: "I'm itching all over", expect: { replies: ['triage.advice', 'wrap_up.offer_summary'], triage: { level: 'prescriber' } } },
      { user: 'she has a pump', expect: { replies: ['triage.screen'], asks: 'ask_fever' } },
      { user: 'no', expect: { replies: ['triage.advice', 'wrap_up.offer_summary'], triage: { level: 'urgent', findings: ['itching', 'pump_user'] } } },
    ],
  },
];

describe('context findings', () => {
  it.each(stories.map((s) => [s.name, s] as const))('%s', async (_name, story) => {
    await runStory(story);
  });

  it('are logged by id on the route, as any finding', async () => {
    const conversation = new Conversation();
    await conversation.send('I have a question about my pump');
    expect(conversation.logs.find((l) => l.message === 'route')?.fields).toMatchObject({ route: 'context', flow: 'context', findings: ['pump_user'], level: 'info' });
  });

  it('in staff mode, the staff invitation', async () => {
    const conversation = new Conversation();
    await conversation.send('staff mode');
    const replies = await conversation.send('the caller has a baclofen pump');
    expect(replyIds(replies)).toEqual(['context.invite']);
    expect(replies[0]?.text).toContain('Noted as background');
  });
});

describe('context findings, with the shipped knowledge base', () => {
  const knowledge = loadKnowledge();
  const engine = createTriageEngine(knowledge);
  const dialogs = loadDialogs(DEFAULT_DIALOGS_DIR, knowledge);
  const shipped = () => new Conversation({ knowledge, engine, dialogs });

  it('"I have a question about my pump" is not triaged as symptoms', async () => {
    const replies = await shipped().send('I have a question about my pump');
    expect(replyIds(replies)).toEqual(['context.invite']);
  });

  it('"my husband has a baclofen pump, is it safe long term?" is answered as a question', async () => {
    const replies = await shipped().send('my husband has a baclofen pump, is it safe long term?');
    expect(replyIds(replies)).toEqual(['information.answer', 'information.answer', 'information.anything_else']);
    expect(triageOf(replies)?.level).toBe('info');
  });

  it('"my pump", then "I\'m itching all over": urgent (pump with an early withdrawal sign)', async () => {
    const conversation = shipped();
    await conversation.send('I have a question about my pump');
    let replies = await conversation.send("I'm itching all over");
    for (let i = 0; i < 10 && triageOf(replies) === undefined; i++) replies = await conversation.send('no');
    expect(triageOf(replies)).toMatchObject({ level: 'urgent', findings: expect.arrayContaining(['pump_user', 'itching']) });
  });
});
