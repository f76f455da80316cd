import type { AuditEvent, AuditFilter, AuditStore } from './auditEvent';

/** The audit trail in this process only (`STORAGE=memory`). */
export class MemoryAuditStore implements AuditStore {
  private events: AuditEvent[] = [];

  async record(event: AuditEvent): Promise<void> {
    this.events.push(event);
  }

  async list(filter: AuditFilter): Promise<AuditEvent[]> {
    return this.events.filter((e) => (filter.since === undefined || e.at >= filter.since) && (filter.level === undefined || e.level === filter.level));
  }

  async forgetConversation(conversationHash: string): Promise<number> {
    let changed = 0;
    this.events = this.events.map((e) => {
      if (e.conversationHash !== conversationHash) return e;
      changed += 1;
      return { ...e, conversationHash: null, userHash: null, patientText: null };
    });
    return changed;
  }

  async deleteOlderThan(before: Date): Promise<number> {
    const kept = this.events.filter((e) => e.at >= before);
    const deleted = this.events.length - kept.length;
    this.events = kept;
    return deleted;
  }
}
