import { runStory, type Story } from './support/stories';

/**
 * After emergency advice the case stays an emergency until "start over": a symptom report gets the
 * emergency advice again; anything else gets its usual reply after a short reminder of the number.
 */
const stories: Story[] = [
  {
    name: '"thanks" and "ok": goodbye, after a reminder of the emergency number, not the whole advice again',
    turns: [
      { user: 'my husband just collapsed', expect: { replies: ['emergency.advice'], triage: { level: 'emergency' } } },
      { user: 'thanks', expect: { replies: ['emergency_reminder', 'goodbye.goodbye'], says: ['112'] } },
      { user: 'ok', expect: { replies: ['emergency_reminder', 'goodbye.goodbye'], says: ['112'] } },
    ],
  },
  {
    name: 'a topic question: the reminder, then the answer',
    turns: [
      { user: "he can't breathe", expect: { replies: ['emergency.advice'] } },
      { user: 'what is baclofen for?', expect: { replies: ['emergency_reminder', 'information.answer', 'information.anything_else'], says: ['112', 'uses answer'] } },
    ],
  },
  {
    name: 'words the bot does not understand: the reminder, then the usual reply',
    turns: [
      { user: "he can't breathe", expect: { replies: ['emergency.advice'] } },
      { user: 'the ambulance is on its way', expect: { replies: ['emergency_reminder', 'not_understood.explain'] } },
    ],
  },
  {
    name: 'a symptom report still gets the emergency advice: an emergency finding is still present',
    turns: [
      { user: 'my husband just collapsed', expect: { replies: ['emergency.advice'] } },
      { user: 'thanks', expect: { replies: ['emergency_reminder', 'goodbye.goodbye'] } },
      { user: 'I feel nauseous', expect: { replies: ['emergency.advice'], triage: { level: 'emergency', findings: ['unresponsive', 'nausea'] } } },
    ],
  },
  {
    name: 'help and the other commands need no reminder: their own reply gives the number',
    turns: [
      { user: 'my husband just collapsed', expect: { replies: ['emergency.advice'] } },
      { user: 'help', expect: { replies: ['help'], says: ['112'] } },
    ],
  },
  {
    name: 'after "start over" the emergency is forgotten, and so is the reminder',
    turns: [
      { user: 'my husband just collapsed', expect: { replies: ['emergency.advice'] } },
      { user: 'start over', expect: { replies: ['restarted'] } },
      { user: 'what is baclofen for?', expect: { replies: ['information.answer', 'information.anything_else'] } },
      { user: 'I feel nauseous', expect: { replies: ['triage.screen'], asks: 'ask_breathing' } },
    ],
  },
  {
    name: 'an emergency found by a flow (withdrawal with a fever): "yes" to "anything else?" gets the reminder and the invitation',
    turns: [
      { user: 'I ran out of baclofen', expect: { asks: 'ask_fever' } },
      { user: 'yes', expect: { replies: ['withdrawal.advice', 'wrap_up.anything_else'], triage: { level: 'emergency' } } },
      { user: 'yes', expect: { replies: ['emergency_reminder', 'something_else.invite'] } },
      { user: 'no thanks', expect: { replies: ['emergency_reminder', 'goodbye.goodbye'] } },
    ],
  },
  {
    name: 'in staff mode, the staff reminder',
    turns: [
      { user: 'staff mode', expect: { replies: ['staff_mode_on'] } },
      { user: 'he has collapsed', expect: { replies: ['emergency.advice', 'emergency.record'] } },
      { user: 'what is baclofen for?', expect: { replies: ['emergency_reminder', 'information.answer', 'information.anything_else'], says: ['112', 'uses staff answer'] } },
    ],
  },
  {
    name: 'no reminder when the case is not an emergency',
    turns: [
      { user: 'he is hallucinating', expect: { replies: ['triage.advice', 'wrap_up.offer_summary'] } },
      { user: 'no', expect: { replies: ['wrap_up.anything_else'] } },
      { user: 'what is baclofen for?', expect: { replies: ['information.answer', 'information.anything_else'] } },
      { user: 'ok', expect: { replies: ['goodbye.goodbye'] } },
    ],
  },
];

describe('after emergency advice', () => {
  it.each(stories.map((s) => [s.name, s] as const))('%s', async (_name, story) => {
    await runStory(story);
  });
});
