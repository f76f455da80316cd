import { Conversation, replyIds } from './support/conversation';
import { runStory, type Story } from './support/stories';

/** Global interrupts: they work in every flow because every flow runs inside one interruptible dialog. */
const stories: Story[] = [
  {
    name: 'an emergency while a yes/no question is pending: the emergency advice at once, the question dropped',
    turns: [
      { user: 'I feel nauseous', expect: { asks: 'ask_breathing' } },
      { user: 'my husband just collapsed', expect: { replies: ['emergency.advice'], triage: { level: 'emergency', findings: ['unresponsive'] }, says: ['112'] } },
      // Nothing is pending any more: "no" is read as "nothing else", after a reminder of the emergency.
      { user: 'no', expect: { replies: ['emergency_reminder', 'goodbye.goodbye'], says: ['112'] } },
    ],
  },
  {
    name: 'an emergency while "which one?" is pending in the withdrawal flow',
    turns: [
      { user: "I think I'm in withdrawal", expect: { replies: ['withdrawal.which'] } },
      { user: 'he is having a seizure', expect: { replies: ['emergency.advice'], triage: { level: 'emergency', category: 'withdrawal' } } },
    ],
  },
  {
    name: 'an emergency while the summary is being offered',
    turns: [
      { user: 'he is hallucinating', expect: { replies: ['triage.advice', 'wrap_up.offer_summary'] } },
      { user: "now he can't breathe", expect: { replies: ['emergency.advice'], triage: { level: 'emergency' } } },
    ],
  },
  {
    name: 'help during a question: what the bot does, the emergency number, then the question again',
    turns: [
      { user: 'I feel nauseous', expect: { asks: 'ask_breathing' } },
      { user: 'help', expect: { replies: ['help', 'triage.screen'], asks: 'ask_breathing', says: ['112'] } },
      { user: 'no', expect: { asks: 'ask_hallucinations' } },
    ],
  },
  {
    name: 'help with nothing pending',
    turns: [{ user: 'Help!', expect: { replies: ['help'], says: ['112'] } }],
  },
  {
    name: 'restart: a fresh start that forgets what was said',
    turns: [
      { user: 'he is hallucinating', expect: { triage: { level: 'urgent' } } },
      { user: 'start over', expect: { replies: ['restarted'] } },
      // Hallucinations are forgotten: running out alone is urgent, not a withdrawal emergency.
      { user: 'I ran out of baclofen', expect: { asks: 'ask_fever' } },
      { user: 'no', expect: { triage: { level: 'urgent', category: 'withdrawal', findings: ['ran_out'] } } },
    ],
  },
  {
    name: 'restart in the middle of a question',
    turns: [
      { user: 'I feel nauseous', expect: { asks: 'ask_breathing' } },
      { user: 'Restart', expect: { replies: ['restarted'] } },
      { user: 'yes', expect: { replies: ['not_understood.explain'] } },
    ],
  },
  {
    name: 'cancel: the flow stops, the question is no longer pending',
    turns: [
      { user: 'I feel nauseous', expect: { asks: 'ask_breathing' } },
      { user: 'cancel', expect: { replies: ['cancelled'], says: ['112'] } },
      { user: 'yes', expect: { replies: ['not_understood.explain'] } },
    ],
  },
  {
    name: 'a message with only an attachment, during a question',
    turns: [
      { user: 'I feel nauseous', expect: { asks: 'ask_breathing' } },
      {
        user: { text: undefined, attachments: [{ contentType: 'image/png', contentUrl: 'https://example.test/photo.png' }] },
        expect: { replies: ['text_only', 'triage.screen'], asks: 'ask_breathing', says: ['112'] },
      },
    ],
  },
  {
    name: 'a message with only an attachment, nothing pending',
    turns: [{ user: { text: '', attachments: [{ contentType: 'image/png', contentUrl: 'https://example.test/p.png' }] }, expect: { replies: ['text_only'], says: ['112'] } }],
  },
];

describe('global interrupts', () => {
  it.each(stories.map((s) => [s.name, s] as const))('%s', async (_name, story) => {
    await runStory(story);
  });

  it.each(['restart', 'Start over', 'start over!', 'START AGAIN'])('"%s" restarts', async (words) => {
    const conversation = new Conversation();
    await conversation.send('I feel nauseous');
    expect(replyIds(await conversation.send(words))).toEqual(['restarted']);
  });

  it('a sentence that contains "help" is not the help command', async () => {
    const conversation = new Conversation();
    expect(replyIds(await conversation.send("help me I can't breathe"))).toEqual(['emergency.advice']);
  });
});
