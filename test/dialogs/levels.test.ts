import { runStory, type Story } from './support/stories';

/** Happy paths: one story per level of the rubric, and each special flow. */
const stories: Story[] = [
  {
    name: 'emergency: trouble breathing, advice at once with the emergency number',
    turns: [{ user: "I can't breathe", expect: { replies: ['emergency.advice'], triage: { level: 'emergency', findings: ['breathing_difficulty'] }, says: ['112'] } }],
  },
  {
    name: 'emergency: self-harm also gives the crisis line',
    turns: [{ user: 'I want to end my life', expect: { replies: ['emergency.advice'], triage: { level: 'emergency', category: 'self_harm' }, says: ['112', '116-123'] } }],
  },
  {
    name: 'urgent: hallucinations, no question worth asking',
    turns: [{ user: 'he is hallucinating', expect: { replies: ['triage.advice', 'wrap_up.offer_summary'], triage: { level: 'urgent', findings: ['hallucinations'] } } }],
  },
  {
    name: 'urgent overdose: the danger signs, whether on purpose, then poison control',
    turns: [
      { user: 'I took a double dose', expect: { replies: ['overdose.screen'], asks: 'ask_breathing', actions: ['Yes', 'No', 'Not sure'] } },
      { user: 'No', expect: { replies: ['overdose.screen'], asks: 'ask_intent' } },
      { user: 'No', expect: { replies: ['overdose.advice', 'wrap_up.offer_summary'], triage: { level: 'urgent', category: 'overdose', findings: ['took_too_much'] }, says: ['0800-POISON'] } },
    ],
  },
  {
    name: 'urgent overdose "by mistake": not asked whether it was on purpose',
    turns: [
      { user: 'I took a double dose by mistake', expect: { asks: 'ask_breathing' } },
      { user: 'No', expect: { replies: ['overdose.advice', 'wrap_up.offer_summary'], triage: { level: 'urgent', category: 'overdose' } } },
    ],
  },
  {
    name: 'emergency overdose: a danger sign in the answer to the first question',
    turns: [
      { user: 'I took a double dose', expect: { replies: ['overdose.screen'] } },
      { user: "no, but now he is very drowsy and can't breathe", expect: { replies: ['emergency.advice'], triage: { level: 'emergency' }, says: ['112'] } },
    ],
  },
  {
    name: 'a child who swallowed baclofen: poison control first, the danger signs after',
    turns: [
      { user: 'my toddler swallowed some', expect: { replies: ['overdose.poison_control_first', 'overdose.screen'], triage: { level: 'urgent', category: 'overdose' }, asks: 'ask_breathing', says: ['0800-POISON'] } },
      { user: 'No', expect: { replies: ['wrap_up.offer_summary'] } },
    ],
  },
  {
    name: 'urgent withdrawal: ran out, no danger signs',
    turns: [
      { user: 'I ran out of baclofen', expect: { asks: 'ask_fever' } },
      { user: 'no', expect: { replies: ['withdrawal.advice', 'wrap_up.offer_summary'], triage: { level: 'urgent', category: 'withdrawal', findings: ['ran_out'] } } },
    ],
  },
  {
    name: 'emergency withdrawal: ran out, and "yes" to a fever',
    turns: [
      { user: 'I ran out of baclofen', expect: { asks: 'ask_fever' } },
      { user: 'yes', expect: { replies: ['withdrawal.advice', 'wrap_up.anything_else'], triage: { level: 'emergency', category: 'withdrawal', findings: ['ran_out', 'fever'] }, says: ['112'] } },
    ],
  },
  {
    name: 'withdrawal: which one (pump), then screening',
    turns: [
      { user: "I think I'm in withdrawal", expect: { replies: ['withdrawal.which'], actions: ['Stopped or missed doses', 'Ran out', 'Pump problem'] } },
      { user: 'Pump problem', expect: { asks: 'ask_fever' } },
      { user: 'no', expect: { triage: { level: 'urgent', findings: ['withdrawal_suspected', 'pump_fault'] } } },
    ],
  },
  {
    name: 'withdrawal: the situation already said, so no "which one?"',
    turns: [{ user: 'his pump is beeping', expect: { replies: ['withdrawal.screen'], asks: 'ask_fever' } }],
  },
  {
    name: 'prescriber: a side effect that has lasted weeks',
    turns: [
      { user: "I've been drowsy for weeks", expect: { asks: 'ask_breathing' } },
      { user: 'no', expect: { triage: { level: 'prescriber', findings: ['drowsiness'] } } },
    ],
  },
  {
    name: 'self-care: nausea, two red flags ruled out, summary declined, goodbye',
    turns: [
      { user: 'I feel nauseous', expect: { replies: ['triage.screen'], asks: 'ask_breathing' } },
      { user: 'no', expect: { asks: 'ask_hallucinations' } },
      { user: 'no', expect: { replies: ['triage.advice', 'wrap_up.offer_summary'], triage: { level: 'self-care', findings: ['nausea'] } } },
      { user: 'no', expect: { replies: ['wrap_up.anything_else'] } },
      { user: 'no thanks', expect: { replies: ['goodbye.goodbye'] } },
    ],
  },
  {
    name: 'self-care, with the summary for the doctor',
    turns: [
      { user: 'I feel nauseous', expect: { asks: 'ask_breathing' } },
      { user: 'no', expect: { asks: 'ask_hallucinations' } },
      { user: 'no', expect: { triage: { level: 'self-care' } } },
      { user: 'yes', expect: { replies: ['wrap_up.summary', 'wrap_up.anything_else'], says: ['10:30 UTC', 'tiny-1'] } },
    ],
  },
  {
    name: 'info: a question with no symptom',
    turns: [{ user: 'what is baclofen for?', expect: { replies: ['information.answer', 'information.anything_else'], triage: { level: 'info', category: 'uses' } } }],
  },
  {
    name: 'prescriber: a topic for the prescriber, with when to get help',
    turns: [{ user: 'how do I come off baclofen?', expect: { replies: ['information.answer', 'information.anything_else'], triage: { level: 'prescriber' }, says: ['stopping when to get help'] } }],
  },
  {
    name: 'not understood: says how to describe things, and the emergency number',
    turns: [{ user: 'asdf', expect: { replies: ['not_understood.explain'], triage: { level: 'info' }, says: ['112'] } }],
  },
];

describe('levels and flows', () => {
  it.each(stories.map((s) => [s.name, s] as const))('%s', async (_name, story) => {
    await runStory(story);
  });
});
