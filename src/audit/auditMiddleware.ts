import type { Activity, BotState, Middleware, ResourceResponse, TurnContext } from 'botbuilder';
import { z } from 'zod';
import { errorCode, hashId } from '../logging';
import type { AuditEvent, AuditStore } from './auditEvent';

/** What a disposition activity carries in `channelData` (see src/bot/dispositionCard.ts). */
const DispositionData = z.looseObject({
  replyId: z.string(),
  dispositionId: z.string(),
  rules: z.array(z.string()).default([]),
  triage: z.looseObject({
    level: z.string(),
    category: z.string(),
    findings: z.array(z.string()),
    contentVersion: z.string(),
  }),
});

/** The parts of the bot's session the record needs; read leniently so a change of shape loses fields, not rows. */
const SessionView = z.looseObject({
  voice: z.enum(['patient', 'staff']).catch('patient'),
  case: z.looseObject({ asked: z.array(z.strictObject({ id: z.string(), answer: z.string() })).catch([]) }).catch({ asked: [] }),
});

export interface AuditLog {
  error(fields: Record<string, unknown>, message: string): void;
}

export interface AuditMiddlewareDeps {
  readonly store: AuditStore;
  /** The conversation state the bot keeps its `session` in. */
  readonly conversationState: BotState;
  readonly logPatientText: boolean;
  readonly logger: AuditLog;
  readonly now: () => Date;
}

/**
 * Records every disposition the bot sends, after it has gone out: one row with the level, the
 * findings and rules behind it, and the questions asked with their answers. A failed write is
 * logged; it never stops the turn.
 */
export function auditMiddleware(deps: AuditMiddlewareDeps): Middleware {
  return {
    onTurn: (context, next) => {
      // Most replies are questions and prompts: only a send with a triage decision waits to record it.
      context.onSendActivities((ctx, activities, send) => (activities.some(carriesDecision) ? sendAndRecord(ctx, activities, send, deps) : send()));
      return next();
    },
  };
}

/** Sends, then records each decision sent; a failed record is logged and the turn goes on. */
async function sendAndRecord(context: TurnContext, activities: Partial<Activity>[], send: () => Promise<ResourceResponse[]>, deps: AuditMiddlewareDeps): Promise<ResourceResponse[]> {
  const responses = await send();
  for (const activity of activities) {
    const event = auditEventOf(context, activity, deps);
    if (event === undefined) continue;
    try {
      await deps.store.record(event);
    } catch (error) {
      deps.logger.error({ code: errorCode(error), conversation: event.conversationHash, disposition: event.disposition }, 'audit_write_failed: the advice was given but not recorded; check the database');
    }
  }
  return responses;
}

/** Whether a reply carries a triage decision (`channelData.triage`): the ones the record is about. */
function carriesDecision(activity: Partial<Activity>): boolean {
  return (activity.channelData as { triage?: unknown } | undefined)?.triage !== undefined;
}

function auditEventOf(context: TurnContext, activity: Partial<Activity>, deps: AuditMiddlewareDeps): AuditEvent | undefined {
  // Only a reply with a triage decision is parsed.
  if (!carriesDecision(activity)) return undefined;
  const data = DispositionData.safeParse(activity.channelData);
  if (!data.success) return undefined;
  const state = deps.conversationState.get(context) as Record<string, unknown> | undefined;
  const session = SessionView.safeParse(state?.['session'] ?? {});
  const incoming = context.activity;
  return {
    at: deps.now(),
    kind: data.data.replyId.startsWith('emergency.') ? 'emergency_interrupt' : 'disposition',
    conversationHash: hashId(incoming.conversation?.id ?? ''),
    userHash: hashId(incoming.from?.id ?? ''),
    channel: String(incoming.channelId),
    voice: session.success ? session.data.voice : 'patient',
    level: data.data.triage.level,
    category: data.data.triage.category,
    disposition: data.data.dispositionId,
    findings: data.data.triage.findings,
    rules: data.data.rules,
    asked: session.success ? session.data.case.asked : [],
    contentVersion: data.data.triage.contentVersion,
    patientText: deps.logPatientText && typeof incoming.text === 'string' ? incoming.text : null,
  };
}
