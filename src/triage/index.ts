export { createTriageEngine, type TriageEngine } from './engine';
export { fillPlaceholders } from './placeholders';
export { moreUrgent, urgency } from './levels';
export type * from './types';
export { ANSWERS, Answer, isAnswer } from './types';
export { loadKnowledge, parseKnowledge, DEFAULT_KNOWLEDGE_DIR, type Knowledge, type KnowledgeSources } from '../knowledge/load';
export { ContentError, type ContentProblem } from '../knowledge/contentError';
export { LEVELS, DEFAULT_CONTACTS, type Contacts, type Level } from '../knowledge/schema';
