import type { Knowledge } from '../knowledge/load';
import type { TriageEngine } from '../triage';
import type { BotLogger } from './botLogger';
import type { Dialogs } from '../dialogs/loadDialogs';
import type { SessionStore } from './sessionState';
import type { StaffModePolicy } from './staffModePolicy';
import type { Vocabulary } from '../dialogs/vocabulary';
import type { Wording } from '../dialogs/wording';

/** What the dialogs need, built once by `createBot` and shared by every turn. */
export interface BotServices {
  readonly engine: TriageEngine;
  readonly knowledge: Knowledge;
  readonly dialogs: Dialogs;
  readonly vocabulary: Vocabulary;
  readonly wording: Wording;
  readonly sessions: SessionStore;
  readonly staffMode: StaffModePolicy;
  readonly logger: BotLogger;
  readonly logPatientText: boolean;
  readonly now: () => Date;
}
