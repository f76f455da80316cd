import { Conversation, questionOf, replyIds, triageOf } from './support/conversation';
import { runStory, type Story } from './support/stories';

async function atBreathingQuestion(): Promise<Conversation> {
  const conversation = new Conversation();
  const replies = await conversation.send('I feel nauseous');
  expect(questionOf(replies.at(-1))).toBe('ask_breathing');
  return conversation;
}

describe('yes/no answers', () => {
  it.each(['no', 'No', 'NO', 'n', 'nope', 'Nah', 'no.', 'not at all'])('typed "%s" is no', async (words) => {
    const conversation = await atBreathingQuestion();
    expect(questionOf((await conversation.send(words)).at(-1))).toBe('ask_hallucinations');
  });

  it.each(['yes', 'Yes', 'y', 'YEAH', 'yep', 'Yes!', 'not sure', 'Not sure.', "don't know", 'dont know'])('typed "%s" counts as yes', async (words) => {
    const conversation = await atBreathingQuestion();
    expect(triageOf(await conversation.send(words))).toMatchObject({ level: 'emergency', findings: expect.arrayContaining(['breathing_difficulty']) });
  });

  it('"no, he is breathing fine" leads with no', async () => {
    const conversation = await atBreathingQuestion();
    expect(questionOf((await conversation.send('no, he is breathing fine')).at(-1))).toBe('ask_hallucinations');
  });

  it('a button value answers without text (Teams Action.Submit)', async () => {
    const conversation = await atBreathingQuestion();
    const replies = await conversation.send({ text: undefined, value: { answer: 'no', question: 'ask_breathing' } });
    expect(questionOf(replies.at(-1))).toBe('ask_hallucinations');
  });

  it('a button of an older question answers nothing now: the question is asked again', async () => {
    const conversation = await atBreathingQuestion();
    const replies = await conversation.send({ text: undefined, value: { answer: 'yes', question: 'ask_fever' } });
    expect(replyIds(replies)).toEqual(['yes_no_reprompt', 'triage.screen']);
    expect(questionOf(replies.at(-1))).toBe('ask_breathing');
  });

  it('words that are neither an answer nor a symptom: the question again', async () => {
    const conversation = await atBreathingQuestion();
    const replies = await conversation.send('purple');
    expect(replyIds(replies)).toEqual(['yes_no_reprompt', 'triage.screen']);
    expect(questionOf(replies.at(-1))).toBe('ask_breathing');
  });
});

/** Free text that reports symptoms while a question is pending is triaged, not taken as an answer. */
const symptomStories: Story[] = [
  {
    name: 'a new symptom is added and the screening goes on',
    turns: [
      { user: 'I feel nauseous', expect: { asks: 'ask_breathing' } },
      { user: 'he is also sleepy', expect: { replies: ['noted', 'triage.screen'], asks: 'ask_breathing' } },
      { user: 'no', expect: { asks: 'ask_hallucinations' } },
      { user: 'no', expect: { triage: { level: 'self-care', findings: ['nausea', 'drowsiness'] } } },
    ],
  },
  {
    name: 'a symptom that raises the level: decided again, the most urgent question still asked',
    turns: [
      { user: 'I feel nauseous', expect: { asks: 'ask_breathing' } },
      { user: 'she keeps seeing things', expect: { replies: ['noted', 'triage.screen'], asks: 'ask_breathing' } },
      { user: 'no', expect: { triage: { level: 'urgent', findings: ['nausea', 'hallucinations'] } } },
    ],
  },
  {
    name: '"no, but I feel sleepy" reports a symptom: noted, the question asked again',
    turns: [
      { user: 'I feel nauseous', expect: { asks: 'ask_breathing' } },
      { user: 'no, but I feel sleepy', expect: { replies: ['noted', 'triage.screen'], asks: 'ask_breathing' } },
    ],
  },
  {
    name: 'a symptom typed at the "which one?" choice is added, and the choice asked again',
    turns: [
      { user: "I think I'm in withdrawal", expect: { replies: ['withdrawal.which'] } },
      { user: 'he feels sick', expect: { replies: ['noted', 'withdrawal.which'] } },
      // Nausea made breathing and hallucinations worth asking too; all three would mean an emergency.
      { user: 'ran out', expect: { asks: 'ask_breathing' } },
      { user: 'no', expect: { asks: 'ask_hallucinations' } },
      { user: 'no', expect: { asks: 'ask_fever' } },
      { user: 'no', expect: { triage: { level: 'urgent', findings: ['withdrawal_suspected', 'ran_out', 'nausea'] } } },
    ],
  },
  {
    name: 'an unclear reply to "which one?": asked again',
    turns: [
      { user: "I think I'm in withdrawal", expect: { replies: ['withdrawal.which'] } },
      { user: 'hmm', expect: { replies: ['choice_reprompt', 'withdrawal.which'] } },
      { user: { text: undefined, value: { choice: 'stopped', step: 'which' } }, expect: { asks: 'ask_fever' } },
    ],
  },
];

describe('symptoms typed while a question is pending', () => {
  it.each(symptomStories.map((s) => [s.name, s] as const))('%s', async (_name, story) => {
    await runStory(story);
  });
});
