import { z } from 'zod';

/** `emergency_interrupt`: the emergency flow's advice; `disposition`: any other advice given. */
export const AUDIT_KINDS = ['disposition', 'emergency_interrupt'] as const;

/** One row of the audit trail: what was advised and why, without who (ids are hashed) or what they wrote. */
export const AuditEvent = z.strictObject({
  at: z.date(),
  kind: z.enum(AUDIT_KINDS),
  /** `hashId` of the conversation id, as in the logs; null once the person asked to be forgotten. */
  conversationHash: z.string().nullable(),
  userHash: z.string().nullable(),
  channel: z.string(),
  voice: z.enum(['patient', 'staff']),
  level: z.string(),
  category: z.string(),
  disposition: z.string(),
  findings: z.array(z.string()),
  rules: z.array(z.string()),
  asked: z.array(z.strictObject({ id: z.string(), answer: z.string() })),
  contentVersion: z.string(),
  /** Only with LOG_PATIENT_TEXT=true. */
  patientText: z.string().nullable(),
});
export type AuditEvent = z.infer<typeof AuditEvent>;

/** Which rows `list` returns. */
export interface AuditFilter {
  readonly since?: Date;
  readonly level?: string;
}

/** Where the audit trail is kept. */
export interface AuditStore {
  record(event: AuditEvent): Promise<void>;
  /** Oldest first. */
  list(filter: AuditFilter): Promise<AuditEvent[]>;
  /** Strip the identifying fields from a conversation's rows; returns how many rows. */
  forgetConversation(conversationHash: string): Promise<number>;
  /** Delete rows older than `before`; returns how many. */
  deleteOlderThan(before: Date): Promise<number>;
}
