import { errorCode } from '../logging';
import type { AuditStore } from './auditEvent';

export interface RetentionDeps {
  readonly audit: AuditStore;
  readonly conversations: { deleteIdleSince(before: Date): Promise<number> };
  readonly auditRetentionDays: number;
  readonly conversationTtlHours: number;
  readonly now: () => Date;
  readonly logger: { info(fields: Record<string, unknown>, message: string): void; error(fields: Record<string, unknown>, message: string): void };
}

const HOUR_MS = 3_600_000;

/** One pass: delete audit rows past retention and conversations idle past their time to live. */
export async function applyRetention(deps: RetentionDeps): Promise<{ auditRows: number; conversations: number }> {
  const now = deps.now().getTime();
  const auditRows = await deps.audit.deleteOlderThan(new Date(now - deps.auditRetentionDays * 24 * HOUR_MS));
  const conversations = await deps.conversations.deleteIdleSince(new Date(now - deps.conversationTtlHours * HOUR_MS));
  return { auditRows, conversations };
}

/** Runs `applyRetention` now and then every `intervalMs` (default hourly) until closed; a failed pass is logged. */
export function scheduleRetention(deps: RetentionDeps, intervalMs = HOUR_MS): { close(): void } {
  const pass = async (): Promise<void> => {
    try {
      const deleted = await applyRetention(deps);
      if (deleted.auditRows + deleted.conversations > 0) deps.logger.info(deleted, 'retention_applied');
    } catch (error) {
      deps.logger.error({ code: errorCode(error) }, 'retention_failed: nothing was deleted this time; it runs again in an hour');
    }
  };
  const first = setTimeout(() => void pass(), 60_000);
  const timer = setInterval(() => void pass(), intervalMs);
  first.unref();
  timer.unref();
  return {
    close: () => {
      clearTimeout(first);
      clearInterval(timer);
    },
  };
}
