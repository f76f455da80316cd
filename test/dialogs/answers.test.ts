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
    name: '"no, but I feel sleepy" answers the question and adds the symptom: the next question, not the same again',
    turns: [
      { user: 'I feel nauseous', expect: { asks: 'ask_breathing' } },
      { user: 'no, but I feel sleepy', expect: { replies: ['triage.screen'], asks: 'ask_hallucinations' } },
    ],
  },
  {
    name: '"he is sleepy" while a question is pending reports a symptom: noted, the question asked again',
    turns: [
      { user: 'I feel nauseous', expect: { asks: 'ask_breathing' } },
      { user: 'he is sleepy', expect: { replies: ['noted', 'triage.screen'], asks: 'ask_breathing' } },
    ],
  },
  {
    name: 'a symptom typed at the "which one?" choice is added, and the choice asked again',
    turns: [
      { user: "I think I'm in withdrawal", expect: { replies: ['withdrawal.which'] } },
      { user: 'he feels sick', expect: { replies: ['noted', 'withdrawal.which'] } },
      // Nausea made breathing and hallucinations worth asking too; all three would mean an emergency: one check.
      { user: 'ran out', expect: { asks: 'any:ask_breathing+ask_hallucinations+ask_fever' } },
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

/** A topic question typed while a question is pending is answered, and the question asked again. */
const topicStories: Story[] = [
  {
    name: 'a topic question at a yes/no question: the answer from knowledge, then the same question',
    turns: [
      { user: 'I feel nauseous', expect: { asks: 'ask_breathing' } },
      { user: 'what is baclofen for?', expect: { replies: ['topic_answer', 'triage.screen'], asks: 'ask_breathing', says: ['uses answer'] } },
      { user: 'no', expect: { asks: 'ask_hallucinations' } },
    ],
  },
  {
    name: 'in staff mode the staff answer, with when to get help',
    turns: [
      { user: 'staff mode', expect: { replies: ['staff_mode_on'] } },
      { user: 'caller feels nauseous', expect: { asks: 'ask_breathing' } },
      { user: 'how does she come off it?', expect: { replies: ['topic_answer', 'triage.screen'], asks: 'ask_breathing', says: ['stopping staff answer', 'stopping when to get help'] } },
    ],
  },
  {
    name: 'a topic question at the "which one?" choice: answered, the choice asked again',
    turns: [
      { user: "I think I'm in withdrawal", expect: { replies: ['withdrawal.which'] } },
      { user: 'how do I come off baclofen?', expect: { replies: ['topic_answer', 'withdrawal.which'], actions: ['Stopped or missed doses', 'Ran out', 'Pump problem'] } },
    ],
  },
  {
    name: 'a topic question when offered the summary',
    turns: [
      { user: 'he is hallucinating', expect: { replies: ['triage.advice', 'wrap_up.offer_summary'] } },
      { user: 'what is baclofen for?', expect: { replies: ['topic_answer', 'wrap_up.offer_summary'] } },
      { user: 'no', expect: { replies: ['wrap_up.anything_else'] } },
    ],
  },
  {
    name: 'a question about a symptom ("the signs of a seizure") is a topic question, not a report: nothing noted',
    turns: [
      { user: 'I feel nauseous', expect: { asks: 'ask_breathing' } },
      { user: 'what are the signs of a seizure if I come off it?', expect: { replies: ['topic_answer', 'triage.screen'], asks: 'ask_breathing' } },
      { user: 'no', expect: { asks: 'ask_hallucinations' } },
      // No seizure; wanting to come off baclofen is for the prescriber, as the core decides it.
      { user: 'no', expect: { triage: { level: 'prescriber', findings: ['nausea'] } } },
    ],
  },
  {
    name: 'a symptom and a topic question: the symptom noted, the topic answered, the question again',
    turns: [
      { user: 'I feel nauseous', expect: { asks: 'ask_breathing' } },
      { user: 'I also feel sleepy. What is baclofen for?', expect: { replies: ['noted', 'topic_answer', 'triage.screen'], asks: 'ask_breathing' } },
    ],
  },
  {
    name: '"no, but what is baclofen for?": the answer counts, and the topic is answered after the advice',
    turns: [
      { user: 'I feel nauseous', expect: { asks: 'ask_breathing' } },
      { user: 'no', expect: { asks: 'ask_hallucinations' } },
      { user: 'no, but what is baclofen for?', expect: { replies: ['triage.advice', 'triage.questions_asked_too', 'wrap_up.offer_summary'], triage: { level: 'self-care' } } },
      { user: 'no, but how do I come off it?', expect: { replies: ['wrap_up.questions_asked_too', 'wrap_up.anything_else'], says: ['stopping answer'] } },
    ],
  },
  {
    name: 'a question with the answer to a danger-sign question is answered after the advice',
    turns: [
      { user: 'I took a double dose by mistake', expect: { asks: 'ask_breathing' } },
      { user: 'no, but what is baclofen for?', expect: { replies: ['overdose.advice', 'overdose.questions_asked_too', 'wrap_up.offer_summary'], triage: { level: 'urgent', category: 'overdose' } } },
    ],
  },
  {
    name: 'a topic asked with the first message of a withdrawal is answered after the advice',
    turns: [
      { user: 'I ran out of baclofen. Should I taper when I get more?', expect: { asks: 'ask_fever' } },
      { user: 'no', expect: { replies: ['withdrawal.advice', 'withdrawal.questions_asked_too', 'wrap_up.offer_summary'], triage: { level: 'urgent', category: 'withdrawal' } } },
    ],
  },
  {
    name: 'an emergency beside a topic question still interrupts at once',
    turns: [
      { user: 'I feel nauseous', expect: { asks: 'ask_breathing' } },
      { user: "what is baclofen for? he can't breathe", expect: { replies: ['emergency.advice'], triage: { level: 'emergency' }, says: ['112'] } },
    ],
  },
];

describe('topic questions typed while a question is pending', () => {
  it.each(topicStories.map((s) => [s.name, s] as const))('%s', async (_name, story) => {
    await runStory(story);
  });
});
