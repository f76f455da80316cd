import { DEFAULT_DIALOGS_DIR, loadDialogs } from '../../src/dialogs';
import { createTriageEngine, loadKnowledge } from '../../src/triage';
import { Conversation, replyIds, triageOf } from './support/conversation';
import { runStory, type Story } from './support/stories';

/** Self-care advice for nausea ("no" to both red-flag questions), then the summary offer. */
const NAUSEA_ADVISED = [
  { user: 'I feel nauseous', expect: { asks: 'ask_breathing' } },
  { user: 'no', expect: { asks: 'ask_hallucinations' } },
  { user: 'no', expect: { replies: ['triage.advice', 'wrap_up.offer_summary'], triage: { level: 'self-care', findings: ['nausea'] } } },
] as const;

/**
 * After advice, a message that reports something the advice was not given for is triaged again
 * (red-flag questions, then new advice) at whatever prompt is waiting; anything else is the answer.
 */
const stories: Story[] = [
  {
    name: 'at the summary offer, a new finding that raises the level: the new advice',
    turns: [
      ...NAUSEA_ADVISED,
      { user: "now she's seeing things", expect: { replies: ['triage.advice', 'wrap_up.offer_summary'], triage: { level: 'urgent', findings: ['nausea', 'hallucinations'] } } },
    ],
  },
  {
    name: 'at "anything else?", the same',
    turns: [
      ...NAUSEA_ADVISED,
      { user: 'no', expect: { replies: ['wrap_up.anything_else'] } },
      { user: "now she's seeing things", expect: { replies: ['triage.advice', 'wrap_up.offer_summary'], triage: { level: 'urgent', findings: ['nausea', 'hallucinations'] } } },
    ],
  },
  {
    name: 'a new finding screens the red-flag questions it brings before the new advice',
    turns: [
      { user: 'I feel drowsy', expect: { asks: 'ask_breathing' } },
      { user: 'no', expect: { replies: ['triage.advice', 'wrap_up.offer_summary'], triage: { level: 'self-care', findings: ['drowsiness'] } } },
      { user: 'she feels sick now too', expect: { replies: ['triage.screen'], asks: 'ask_hallucinations' } },
      { user: 'yes', expect: { replies: ['triage.advice', 'wrap_up.offer_summary'], triage: { level: 'urgent', findings: ['drowsiness', 'nausea', 'hallucinations'] } } },
    ],
  },
  {
    name: 'a new finding of the same level is advised on too, so every finding is in a "Why"',
    turns: [
      { user: 'I feel drowsy', expect: { asks: 'ask_breathing' } },
      { user: 'no', expect: { replies: ['triage.advice', 'wrap_up.offer_summary'] } },
      { user: 'she has a fever as well', expect: { replies: ['triage.advice', 'wrap_up.offer_summary'], triage: { level: 'self-care', findings: ['drowsiness', 'fever'] } } },
    ],
  },
  {
    name: 'the same finding, now lasting weeks, raises the level',
    turns: [
      { user: 'I feel drowsy', expect: { asks: 'ask_breathing' } },
      { user: 'no', expect: { replies: ['triage.advice', 'wrap_up.offer_summary'], triage: { level: 'self-care' } } },
      { user: 'no', expect: { replies: ['wrap_up.anything_else'] } },
      { user: 'he has been drowsy for weeks', expect: { replies: ['triage.advice', 'wrap_up.offer_summary'], triage: { level: 'prescriber', findings: ['drowsiness'] } } },
    ],
  },
  {
    name: 'running out, at the summary offer: the withdrawal flow with its questions',
    turns: [
      ...NAUSEA_ADVISED,
      { user: 'oh and she ran out of baclofen yesterday', expect: { replies: ['withdrawal.screen'], asks: 'ask_fever' } },
      { user: 'no', expect: { replies: ['withdrawal.advice', 'wrap_up.offer_summary'], triage: { level: 'urgent', category: 'withdrawal', findings: ['nausea', 'ran_out'] } } },
    ],
  },
  {
    name: 'too much baclofen, at the summary offer: the overdose flow asks only what is not answered yet',
    turns: [
      ...NAUSEA_ADVISED,
      // Breathing was answered before the first advice: only whether it was on purpose is left.
      { user: 'she took a double dose this morning', expect: { replies: ['overdose.screen'], asks: 'ask_intent' } },
      { user: 'no', expect: { replies: ['overdose.advice', 'wrap_up.offer_summary'], triage: { level: 'urgent', category: 'overdose' }, says: ['0800-POISON'] } },
    ],
  },
  {
    name: 'an emergency at the summary offer is still the emergency interrupt',
    turns: [...NAUSEA_ADVISED, { user: "she can't breathe", expect: { replies: ['emergency.advice'], triage: { level: 'emergency' } } }],
  },
  {
    name: 'a new finding while the new advice is on its way is folded into it, not a restart',
    turns: [
      { user: 'I feel drowsy', expect: { asks: 'ask_breathing' } },
      { user: 'no', expect: { replies: ['triage.advice', 'wrap_up.offer_summary'] } },
      { user: 'she feels sick now too', expect: { asks: 'ask_hallucinations' } },
      { user: 'she has a fever as well', expect: { replies: ['noted', 'triage.screen'], asks: 'ask_hallucinations' } },
      { user: 'no', expect: { replies: ['triage.advice', 'wrap_up.offer_summary'], triage: { level: 'self-care', findings: ['drowsiness', 'nausea', 'fever'] } } },
    ],
  },
  {
    name: 'nothing new at the summary offer: "yes" is the answer',
    turns: [...NAUSEA_ADVISED, { user: 'yes', expect: { replies: ['wrap_up.summary', 'wrap_up.anything_else'] } }],
  },
  {
    name: 'nothing new at the summary offer: "no" is the answer',
    turns: [...NAUSEA_ADVISED, { user: 'no', expect: { replies: ['wrap_up.anything_else'] } }],
  },
  {
    name: 'a finding already advised on at the summary offer is noted, with no new advice',
    turns: [...NAUSEA_ADVISED, { user: 'she still feels sick', expect: { replies: ['noted', 'wrap_up.offer_summary'] } }],
  },
  {
    name: 'a question at the summary offer is answered, with no new advice',
    turns: [...NAUSEA_ADVISED, { user: 'how do I come off baclofen?', expect: { replies: ['topic_answer', 'wrap_up.offer_summary'] } }],
  },
];

describe('new findings after advice', () => {
  it.each(stories.map((s) => [s.name, s] as const))('%s', async (_name, story) => {
    await runStory(story);
  });

  it('the summary lists both pieces of advice, in order', async () => {
    const conversation = new Conversation();
    for (const turn of NAUSEA_ADVISED) await conversation.send(turn.user);
    await conversation.send("now she's seeing things");
    const [summary] = await conversation.send('yes');
    expect((summary?.channelData as { summary?: { advice?: string[] } }).summary?.advice).toEqual(['self_care_general', 'urgent_general']);
  });

  it('is logged by interrupt id and finding ids, without the words', async () => {
    const conversation = new Conversation();
    for (const turn of NAUSEA_ADVISED) await conversation.send(turn.user);
    await conversation.send("now she's seeing things");
    expect(conversation.logs.find((l) => l.message === 'interrupt')?.fields).toMatchObject({ interrupt: 'symptoms_after_advice', flow: 'triage', findings: ['hallucinations'], level: 'urgent' });
    expect(JSON.stringify(conversation.logs)).not.toContain('seeing things');
  });

  it('in staff mode, at "anything else?", the same', async () => {
    const conversation = new Conversation();
    await conversation.send('staff mode');
    await conversation.send('I feel drowsy');
    expect(replyIds(await conversation.send('no'))).toEqual(['triage.advice', 'wrap_up.summary', 'wrap_up.anything_else']);
    const replies = await conversation.send('she is seeing things');
    expect(replyIds(replies)).toEqual(['triage.advice', 'wrap_up.summary', 'wrap_up.anything_else']);
    expect(triageOf(replies)?.level).toBe('urgent');
  });
});

describe('new findings after advice, with the shipped knowledge base', () => {
  const knowledge = loadKnowledge();
  const engine = createTriageEngine(knowledge);
  const dialogs = loadDialogs(DEFAULT_DIALOGS_DIR, knowledge);

  it.each(['wrap_up.offer_summary', 'wrap_up.anything_else'])('nausea, then at %s "now she\'s seeing things": urgent advice', async (prompt) => {
    const conversation = new Conversation({ knowledge, engine, dialogs });
    let replies = await conversation.send('she feels nauseous since starting baclofen');
    for (let i = 0; i < 10 && triageOf(replies) === undefined; i++) replies = await conversation.send('no');
    expect(triageOf(replies)?.level).toBe('self-care');
    if (prompt === 'wrap_up.anything_else') replies = await conversation.send('no');
    expect(replyIds(replies).at(-1)).toBe(prompt);
    replies = await conversation.send("now she's seeing things");
    for (let i = 0; i < 10 && triageOf(replies) === undefined; i++) replies = await conversation.send('no');
    expect(triageOf(replies)).toMatchObject({ level: 'urgent', findings: expect.arrayContaining(['nausea', 'hallucinations']) });
  });
});
