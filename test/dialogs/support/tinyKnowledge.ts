import { parseKnowledge, type Knowledge, type KnowledgeSources } from '../../../src/triage';

const finding = (id: string, tier: string, category: string, groups: string[], phrases: string[], extra = '') => `
  - id: ${id}
    name: ${id.replace(/_/g, ' ')}
    tier: ${tier}
    category: ${category}
    groups: [${groups.join(', ')}]
    phrases: [${phrases.map((p) => JSON.stringify(p)).join(', ')}]${extra}
    source: bot test fixture`;

const disposition = (id: string, level: string, category: string, doNow: string) => `
  - id: ${id}
    level: ${level}
    category: ${category}
    heading: { patient: "${id} heading", staff: "${id} staff heading" }
    do_now: { patient: "${doNow}", staff: "Tell the caller: ${doNow}" }
    safety_net: { patient: "${id} safety net", staff: "${id} staff safety net" }
    source: bot test fixture`;

/**
 * A tiny knowledge base for the conversation tests: every id the shipped dialog files name, and a
 * message for each level, so these tests do not move when the real content does.
 */
export const TINY_BOT_KNOWLEDGE: KnowledgeSources = {
  'findings.yaml': `
version: "tiny-1"
groups:
  - { id: withdrawal_context, description: baclofen stopped or interrupted }
  - { id: withdrawal_danger_sign, description: dangerous in withdrawal }
  - { id: overdose_context, description: too much baclofen }
  - { id: overdose_danger_sign, description: dangerous after too much }
  - { id: pump_context, description: has a baclofen pump }
  - { id: withdrawal_early_sign, description: early sign of withdrawal }
modifiers:
  - { id: mild, name: mild, phrases: ["a bit", "slightly"] }
  - { id: persistent, name: persistent, phrases: ["for weeks", "for #num weeks"] }
findings:${[
    finding('breathing_difficulty', 'emergency', 'breathing', ['overdose_danger_sign'], ["can't breathe", 'trouble breathing']),
    finding('unresponsive', 'emergency', 'unresponsive', [], ['collapsed', 'unconscious', "won't wake up"]),
    finding('seizure', 'emergency', 'seizure', ['withdrawal_danger_sign'], ['seizure', 'fitting']),
    finding('self_harm', 'emergency', 'self_harm', [], ['kill myself', 'end my life']),
    finding('hallucinations', 'urgent', 'mental_state', ['withdrawal_danger_sign'], ['hallucinating', 'seeing things']),
    finding('fever', 'self-care', 'general', ['withdrawal_danger_sign'], ['fever', 'high temperature']),
    finding('drowsiness', 'self-care', 'common_side_effect', ['overdose_danger_sign'], ['drowsy', 'sleepy'],
      '\n    moved_by:\n      - { modifier: persistent, level: prescriber, why: It has lasted weeks. }'),
    finding('nausea', 'self-care', 'common_side_effect', [], ['nausea', 'nauseous', 'feel sick']),
    finding('stopped_suddenly', 'urgent', 'withdrawal', ['withdrawal_context'], ['stopped my baclofen', 'stopped taking']),
    finding('ran_out', 'urgent', 'withdrawal', ['withdrawal_context'], ['ran out', 'run out']),
    finding('missed_doses', 'urgent', 'withdrawal', ['withdrawal_context'], ['missed doses', 'missed my doses']),
    finding('withdrawal_suspected', 'urgent', 'withdrawal', ['withdrawal_context'], ['in withdrawal', 'withdrawing']),
    finding('pump_alarm', 'urgent', 'pump', ['withdrawal_context'], ['pump alarm', 'pump is beeping']),
    finding('missed_refill', 'urgent', 'pump', ['withdrawal_context'], ['missed refill']),
    finding('pump_fault', 'urgent', 'pump', ['withdrawal_context'], ['pump fault', 'catheter problem']),
    finding('took_too_much', 'urgent', 'overdose', ['overdose_context'], ['too many tablets', 'double dose', 'too much baclofen']),
    finding('child_ingestion', 'urgent', 'overdose', ['overdose_context'], ['toddler swallowed', 'child swallowed']),
    finding('overdose_on_purpose', 'emergency', 'self_harm', ['overdose_context'], ['on purpose']),
    finding('itching', 'prescriber', 'skin', ['withdrawal_early_sign'], ['itching', 'itchy']),
    // Context: sets no level on its own, counts only through the rules below.
    finding('pump_user', 'info', 'pump', ['pump_context'], ['my pump', 'has a pump', 'baclofen pump']),
  ].join('')}
rules:
  - id: withdrawal_danger
    level: emergency
    category: withdrawal
    all: [{ group: withdrawal_context }, { group: withdrawal_danger_sign }]
    why: Stopping baclofen with these signs can be a dangerous withdrawal.
    source: bot test fixture
  - id: overdose_danger
    level: emergency
    category: overdose
    all: [{ group: overdose_context }, { group: overdose_danger_sign, without_modifier: mild }]
    why: Too much baclofen with these symptoms needs emergency care.
    source: bot test fixture
  - id: pump_with_early_sign
    level: urgent
    category: pump
    all: [{ group: pump_context }, { group: withdrawal_early_sign }]
    why: In a pump user this can be the first sign the pump has stopped delivering.
    source: bot test fixture
  - id: pump_with_danger_sign
    level: emergency
    category: withdrawal
    all: [{ group: pump_context }, { group: withdrawal_danger_sign }]
    why: In a pump user this can be a dangerous withdrawal.
    source: bot test fixture
`,
  'context.yaml': `
version: "tiny-1"
matching: { typos: { one_from: 5, two_from: 9, longest_word: 20 }, gaps: { findings: 2, modifiers: 1, topics: 2 }, window: { tokens: 60, overlap: 24 } }
question_openers: [what, how, is, are, can, should, does]
rules:
  - { literal: "no", category: negated, direction: forward }
  - { literal: "not", category: negated, direction: forward }
  - { literal: "but", category: terminate, direction: none }
  - { literal: "signs of", category: hypothetical, direction: forward }
  - { literal: "is it normal", category: report, direction: none }
`,
  'questions.yaml': `
version: "tiny-1"
questions:
  - id: ask_breathing
    finding: breathing_difficulty
    text: { patient: "Any trouble breathing?", staff: "Ask: is the patient having trouble breathing?" }
    listen_for: gasping, blue lips
    ask_when: [drowsiness, nausea, overdose_context]
    yes_means: Trouble breathing
    no_means: Breathing normally
  - id: ask_hallucinations
    finding: hallucinations
    text: { patient: "Seeing or hearing things?", staff: "Ask: is the patient seeing or hearing things?" }
    listen_for: seeing things that are not there
    ask_when: [nausea]
    yes_means: Seeing things
    no_means: Not seeing things
  - id: ask_fever
    finding: fever
    text: { patient: "A high temperature?", staff: "Ask: does the patient have a high temperature?" }
    listen_for: hot to touch, shivering
    ask_when: [withdrawal_context, pump_context]
    yes_means: High temperature
    no_means: No temperature
  - id: ask_intent
    finding: overdose_on_purpose
    text: { patient: "Was it taken on purpose?", staff: "Ask: was it taken on purpose?" }
    listen_for: wanted to harm themselves
    ask_when: [took_too_much]
    yes_means: On purpose
    no_means: Not on purpose
`,
  'topics.yaml': `
version: "tiny-1"
topics:
  - id: uses
    title: What baclofen is for
    level: info
    phrases: ["what is baclofen", "baclofen for"]
    answer: { patient: "uses answer", staff: "uses staff answer" }
    source: bot test fixture
  - id: stopping
    title: Stopping baclofen
    level: prescriber
    phrases: ["come off", "taper"]
    answer: { patient: "stopping answer", staff: "stopping staff answer" }
    when_to_get_help: "stopping when to get help"
    source: bot test fixture
`,
  'advice.yaml': `
version: "tiny-1"
dispositions:${[
    disposition('emergency_general', 'emergency', 'general', 'Call {emergency_number} now.'),
    disposition('emergency_withdrawal', 'emergency', 'withdrawal', 'Call {emergency_number} now and say baclofen was stopped.'),
    disposition('emergency_overdose', 'emergency', 'overdose', 'Call {emergency_number} now.'),
    disposition('emergency_self_harm', 'emergency', 'self_harm', 'Call {emergency_number} now. You can also call or text {crisis_line}.'),
    disposition('urgent_general', 'urgent', 'general', 'Contact your prescriber today.'),
    disposition('urgent_overdose', 'urgent', 'overdose', 'Call poison control on {poison_control_number} now.'),
    disposition('urgent_withdrawal', 'urgent', 'withdrawal', 'Contact your prescriber or pump team today.'),
    disposition('prescriber_general', 'prescriber', 'general', 'Talk to your prescriber within days.'),
    disposition('self_care_general', 'self-care', 'general', 'Rest and drink water.'),
    disposition('info_general', 'info', 'general', 'Ask your pharmacist.'),
  ].join('')}
`,
};

/** The tiny knowledge base, validated by the real loader. */
export function tinyBotKnowledge(overrides: Partial<KnowledgeSources> = {}): Knowledge {
  return parseKnowledge({ ...TINY_BOT_KNOWLEDGE, ...overrides }, 'tiny');
}
