import { Conversation, replyIds } from './support/conversation';
import { runStory, type Story } from './support/stories';

/** Replies to "Is there anything else?", which ends the information flow and the wrap-up after advice. */
const stories: Story[] = [
  {
    name: '"yes" after a topic answer: an invitation to say what, then the next message is routed as usual',
    turns: [
      { user: 'what is baclofen for?', expect: { replies: ['information.answer', 'information.anything_else'] } },
      { user: 'yes', expect: { replies: ['something_else.invite'], says: ['112'] } },
      { user: 'I feel nauseous', expect: { replies: ['triage.screen'], asks: 'ask_breathing' } },
    ],
  },
  {
    name: '"yes, one more thing" after advice: the invitation, then a question is answered',
    turns: [
      { user: 'he is hallucinating', expect: { replies: ['triage.advice', 'wrap_up.offer_summary'] } },
      { user: 'no', expect: { replies: ['wrap_up.anything_else'] } },
      { user: 'Yes, one more thing', expect: { replies: ['something_else.invite'] } },
      { user: 'how do I come off baclofen?', expect: { replies: ['information.answer', 'information.anything_else'], triage: { level: 'prescriber' } } },
    ],
  },
  {
    name: 'in staff mode, the staff invitation',
    turns: [
      { user: 'staff mode', expect: { replies: ['staff_mode_on'] } },
      { user: 'what is baclofen for?', expect: { replies: ['information.answer', 'information.anything_else'], says: ['uses staff answer'] } },
      { user: 'yes', expect: { replies: ['something_else.invite'], says: ['112'] } },
    ],
  },
  {
    name: '"yes" with a symptom is triaged',
    turns: [
      { user: 'what is baclofen for?', expect: { replies: ['information.answer', 'information.anything_else'] } },
      { user: 'yes, I feel sick', expect: { replies: ['triage.screen'], asks: 'ask_breathing' } },
    ],
  },
  {
    name: '"yes" with a topic question is answered',
    turns: [
      { user: 'what is baclofen for?', expect: { replies: ['information.answer', 'information.anything_else'] } },
      { user: 'yes, how do I come off it?', expect: { replies: ['information.answer', 'information.anything_else'], says: ['stopping answer'] } },
    ],
  },
  {
    name: '"yes" with an emergency gets the emergency advice',
    turns: [
      { user: 'what is baclofen for?', expect: { replies: ['information.answer', 'information.anything_else'] } },
      { user: "yes, he can't breathe", expect: { replies: ['emergency.advice'], triage: { level: 'emergency' } } },
    ],
  },
  {
    name: '"yes" out of the blue is still not understood',
    turns: [
      { user: 'yes', expect: { replies: ['not_understood.explain'] } },
      { user: 'what is baclofen for?', expect: { replies: ['information.answer', 'information.anything_else'] } },
      { user: 'no thanks', expect: { replies: ['goodbye.goodbye'] } },
      { user: 'yes', expect: { replies: ['not_understood.explain'] } },
    ],
  },
];

describe('after "anything else?"', () => {
  it.each(stories.map((s) => [s.name, s] as const))('%s', async (_name, story) => {
    await runStory(story);
  });

  it.each(['yes', 'Yes.', 'yeah', 'yes please', 'not sure', 'yes there is', 'yes, I have another question'])('"%s" is an invitation to go on', async (words) => {
    const conversation = new Conversation();
    await conversation.send('what is baclofen for?');
    expect(replyIds(await conversation.send(words))).toEqual(['something_else.invite']);
  });

  it.each(['no', 'nothing else', "that's all", 'no thanks', 'no, thanks for your help', 'Nope, we are fine'])('"%s" is goodbye', async (words) => {
    const conversation = new Conversation();
    await conversation.send('what is baclofen for?');
    expect(replyIds(await conversation.send(words))).toEqual(['goodbye.goodbye']);
  });
});
