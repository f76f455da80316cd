/**
 * The dialog model: the files of `dialogs/` (schemas, loader, cross-checks), the conditions that
 * routes and steps test, the words people type (commands, answers, closings), the wording of what
 * the bot says, and the turn (one message and the core's decisions about it). No Bot Framework here:
 * the bot (`src/bot`), the call script (`src/script`) and tests all build on it.
 */
export { loadDialogs, parseDialogs, DEFAULT_DIALOGS_DIR, type Dialogs, type DialogSources } from './loadDialogs';
export { holds, type ConditionScope } from './conditions';
export { Vocabulary } from './vocabulary';
export { PhraseSet, normalizePhrase } from './phraseSet';
export { Wording, fillTemplate } from './wording';
export { Turn, readMessage, SubmitValue, type TurnMessage, type TurnReaders } from './turn';
export { foldAnalysis, MAX_EVIDENCE_CHARS, newCase, noteAdvice, noteAsked, noteReported, presentFindings, reportedFindings, type AskedQuestion, type CaseState, type StandingAdvice } from './caseRecord';
export { CONDITION_KEYS, COMMANDS, MESSAGE_IDS, TOPIC_ASIDE_REPLY_ID, VOICES, Voice } from './dialogSchema';
export type { Choice, CommandId, Condition, Flow, FlowStep, LabelId, MessageId, MessagesFile, Route, RoutesFile, TemplateId } from './dialogSchema';
