import type { Activity, Attachment } from 'botbuilder';
import type { Voice } from '../../src/dialogs';
import { CONTACTS, Conversation, replyIds, textOf } from './support/conversation';
import { runStory, type Story } from './support/stories';

interface CardBlock {
  readonly type: string;
  readonly text?: string;
  readonly style?: string;
}
interface Card {
  readonly version: string;
  readonly body: readonly CardBlock[];
}

const cardOf = (reply: Partial<Activity> | undefined): Card => {
  const attachment = (reply?.attachments ?? []).find((a: Attachment) => a.contentType === 'application/vnd.microsoft.card.adaptive');
  if (attachment === undefined) throw new Error('no Adaptive Card');
  return attachment.content as Card;
};

/** Self-care for nausea, with both red flags answered "no". */
async function selfCareAdvice(voice: Voice): Promise<{ conversation: Conversation; advice: Partial<Activity> }> {
  const conversation = new Conversation();
  if (voice === 'staff') await conversation.send('staff mode');
  await conversation.send('I feel nauseous');
  await conversation.send('no');
  const replies = await conversation.send('no');
  const advice = replies.find((r) => (r.channelData as { replyId?: string }).replyId === 'triage.advice');
  if (advice === undefined) throw new Error(`no advice in ${JSON.stringify(replyIds(replies))}`);
  return { conversation, advice };
}

describe('the disposition card and its plain-text version', () => {
  it.each<Voice>(['patient', 'staff'])('%s voice: the level and the main line, what to do now, why (findings, for staff with the words that matched, what was ruled out), the safety net', async (voice) => {
    const { conversation, advice } = await selfCareAdvice(voice);
    const { labels, levels } = conversation.dialogs.messages;
    const card = cardOf(advice);
    expect(Number(card.version)).toBeLessThanOrEqual(1.5);
    // The level first (a label over the main line: see dispositionCard.test.ts for the headings).
    expect(card.body[0]).toMatchObject({ type: 'TextBlock', text: `\u2705 ${levels['self-care'][voice]}` });

    // The same parts, in the same order, on the card and in the text for channels without cards.
    const parts = [
      levels['self-care'][voice],
      voice === 'patient' ? 'self_care_general heading' : 'self_care_general staff heading',
      labels.what_to_do_now[voice],
      'Rest and drink water.',
      labels.why[voice],
      'nausea',
      // The words that matched are the staff's rationale; patients read the finding in plain words.
      ...(voice === 'staff' ? ['"nauseous"'] : []),
      labels.ruled_out[voice],
      'breathing difficulty',
      'hallucinations',
      labels.safety_net[voice],
      voice === 'patient' ? 'self_care_general safety net' : 'self_care_general staff safety net',
    ];
    const cardText = card.body.map((b) => b.text ?? '').join('\n');
    for (const text of [cardText, advice.summary ?? advice.text ?? '']) {
      const at = parts.map((part) => text.indexOf(part, 0));
      expect(parts.filter((_p, i) => at[i] === -1)).toEqual([]);
      expect(at).toEqual([...at].sort((a, b) => a - b));
    }
  });
});

/** Whichever advice wins, self-harm still gets the crisis line and too much baclofen poison control. */
const stories: Story[] = [
  {
    name: 'self-harm beside another emergency: the emergency advice and the crisis line',
    turns: [{ user: 'he collapsed and I want to end my life', expect: { replies: ['emergency.advice'], triage: { level: 'emergency', findings: ['unresponsive', 'self_harm'] }, says: ['112', '116-123'] } }],
  },
  {
    name: 'in staff mode too',
    turns: [
      { user: 'staff mode', expect: { replies: ['staff_mode_on'] } },
      { user: 'he collapsed and the caller says "I want to kill myself"', expect: { replies: ['emergency.advice', 'emergency.record'], says: ['112', '116-123'] } },
    ],
  },
  {
    name: 'too much baclofen after urgent advice about something else: poison control as well',
    turns: [
      { user: 'he is hallucinating', expect: { replies: ['triage.advice', 'wrap_up.offer_summary'] } },
      { user: 'no', expect: { replies: ['wrap_up.anything_else'] } },
      { user: 'he took too many tablets by mistake', expect: { asks: 'ask_breathing' } },
      { user: 'no', expect: { replies: ['overdose.advice', 'wrap_up.offer_summary'], triage: { level: 'urgent', findings: ['hallucinations', 'took_too_much'] }, says: ['0800-POISON'] } },
    ],
  },
];

describe('what else counted is not lost', () => {
  it.each(stories.map((s) => [s.name, s] as const))('%s', async (_name, story) => {
    await runStory(story);
  });

  it('advice that is already about it does not repeat the number', async () => {
    const replies = await new Conversation().send('I want to end my life');
    expect(textOf(replies).split(CONTACTS.crisis_line)).toHaveLength(2);
  });
});
