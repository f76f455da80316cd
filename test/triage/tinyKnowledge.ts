import { parseKnowledge, type KnowledgeSources } from '../../src/triage';

/** A tiny knowledge base written for the engine tests, so they do not move when content does. */
export const TINY: KnowledgeSources = {
  'findings.yaml': `
version: "t1"
groups:
  - { id: withdrawal_context, description: baclofen stopped or interrupted }
  - { id: withdrawal_danger_sign, description: signs that withdrawal is dangerous }
  - { id: overdose_context, description: too much baclofen }
  - { id: overdose_danger_sign, description: symptoms after too much }
  - { id: common_side_effect, description: expected side effects }
modifiers:
  - { id: mild, name: mild, phrases: ["a bit", "a little", "slightly"], reach: near }
  - { id: severe, name: severe, phrases: ["very", "extremely"], reach: near }
  - { id: persistent, name: persistent, phrases: ["for #num weeks", "every day"] }
findings:
  - id: breathing_difficulty
    name: Trouble breathing
    tier: emergency
    category: breathing
    groups: [overdose_danger_sign]
    phrases: ["can't breathe", "trouble breathing", "short of breath"]
    source: rubric
  - id: seizure
    name: Seizure
    tier: emergency
    category: seizure
    groups: [withdrawal_danger_sign, overdose_danger_sign]
    phrases: ["seizure", "fitting", "having a fit"]
    source: rubric
  - id: hallucinations
    name: Hallucinations
    tier: urgent
    category: mental_state
    groups: [withdrawal_danger_sign]
    phrases: ["hallucinations", "hallucinating", "seeing things"]
    source: rubric
  - id: fever
    name: Fever
    tier: self-care
    category: general
    groups: [withdrawal_danger_sign]
    phrases: ["fever", "#fever_temp", "temperature #fever_temp"]
    source: rubric
  - id: drowsiness
    name: Drowsiness
    tier: self-care
    category: common_side_effect
    groups: [common_side_effect, overdose_danger_sign]
    phrases: ["drowsy", "sleepy"]
    moved_by:
      - { modifier: severe, level: urgent, why: Very sleepy is more than the usual side effect. }
      - { modifier: persistent, level: prescriber, why: It has lasted a long time. }
    source: rubric
  - id: dizziness
    name: Dizziness
    tier: self-care
    category: common_side_effect
    groups: [common_side_effect]
    phrases: ["dizzy", "light headed"]
    misspellings: ["dizy"]
    moved_by:
      - { modifier: persistent, level: prescriber, why: It has lasted a long time. }
    source: rubric
  - id: fatigue
    name: Tiredness
    tier: self-care
    category: common_side_effect
    groups: [common_side_effect]
    phrases: ["tired"]
    source: rubric
  - id: stopped_suddenly
    name: Stopped suddenly
    tier: urgent
    category: withdrawal
    groups: [withdrawal_context]
    phrases: ["stopped my baclofen", "stopped taking"]
    source: rubric
  - id: pump_user
    name: Has a baclofen pump
    tier: info
    category: pump
    groups: [withdrawal_context]
    phrases: ["my pump"]
    source: rubric
  - id: took_too_much
    name: Took too much
    tier: urgent
    category: overdose
    groups: [overdose_context]
    phrases: ["took too many", "double dose"]
    source: rubric
rules:
  - id: withdrawal_danger
    level: emergency
    category: withdrawal
    all: [{ group: withdrawal_context }, { group: withdrawal_danger_sign }]
    why: Stopping baclofen with these signs can be a dangerous withdrawal.
    source: rubric
  - id: overdose_with_symptoms
    level: emergency
    category: overdose
    all: [{ group: overdose_context }, { group: overdose_danger_sign, without_modifier: mild }]
    why: Too much baclofen with these symptoms needs emergency care.
    source: rubric
`,
  'context.yaml': `
version: "t1"
matching: { typos: { one_from: 5, two_from: 9, longest_word: 20 }, gaps: { findings: 2, modifiers: 1, topics: 2 }, window: { tokens: 60, overlap: 24 } }
question_openers: [what, how, is, are, can, should, does]
not_typos: [tried]
rules:
  - { literal: "no", category: negated, direction: forward }
  - { literal: "not", category: negated, direction: forward }
  - { literal: "never had", category: negated, direction: forward }
  - { literal: "is fine", category: negated, direction: backward, max_scope: 4 }
  - { literal: "no change", category: pseudo, direction: none }
  - { literal: "but", category: terminate, direction: none }
  - { literal: "i", category: terminate, direction: none }
  - { literal: "signs of", category: hypothetical, direction: forward }
  - { literal: "years ago", category: historical, direction: bidirectional, max_scope: 6 }
  - { literal: "is it normal", category: report, direction: none }
  - { literal: "i'm", category: report, direction: none }
`,
  'questions.yaml': `
version: "t1"
questions:
  - id: ask_breathing
    finding: breathing_difficulty
    text: { patient: "Any trouble breathing?", staff: "Ask: any trouble breathing?" }
    listen_for: gasping
    ask_when: [drowsiness, overdose_context]
  - id: ask_fever
    finding: fever
    text: { patient: "A high temperature?", staff: "Ask: a high temperature?" }
    listen_for: hot to touch
    ask_when: [withdrawal_context]
  - id: ask_dizzy
    finding: dizziness
    text: { patient: "Dizzy?", staff: "Ask: dizzy?" }
    listen_for: unsteady
    ask_when: [drowsiness]
`,
  'topics.yaml': `
version: "t1"
topics:
  - id: uses
    title: What baclofen is for
    level: info
    phrases: ["what is baclofen", "baclofen for"]
    answer: { patient: "It eases spasticity.", staff: "Tell the caller: it eases spasticity." }
    source: overview
  - id: stopping
    title: Stopping baclofen
    level: prescriber
    phrases: ["come off", "taper"]
    answer: { patient: "Talk to your prescriber.", staff: "Tell the caller to talk to the prescriber." }
    source: label
`,
  'advice.yaml': `
version: "t1"
dispositions:
${['emergency', 'urgent', 'prescriber', 'self-care', 'info']
  .map(
    (level) => `  - id: ${level.replace('-', '_')}_general
    level: ${level}
    category: general
    heading: { patient: "${level}", staff: "${level}" }
    do_now: { patient: "Do this. Call {emergency_number}.", staff: "Advise: call {emergency_number}." }
    safety_net: { patient: "If worse, call.", staff: "Safety net." }
    source: rubric`,
  )
  .join('\n')}
  - id: emergency_withdrawal
    level: emergency
    category: withdrawal
    heading: { patient: "Withdrawal emergency", staff: "Withdrawal emergency" }
    do_now: { patient: "Call {emergency_number} now.", staff: "Tell the caller to call {emergency_number}." }
    safety_net: { patient: "Tell them about baclofen.", staff: "Mention baclofen." }
    source: label
`,
};

/** The tiny knowledge base, validated. */
export function tinyKnowledge(overrides: Partial<KnowledgeSources> = {}) {
  return parseKnowledge({ ...TINY, ...overrides }, 'tiny');
}
