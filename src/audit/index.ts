/** The audit trail (what was advised and why), its retention, and "forget me". */
export { AuditEvent, AUDIT_KINDS, type AuditFilter, type AuditStore } from './auditEvent';
export { SqlAuditStore } from './sqlAuditStore';
export { MemoryAuditStore } from './memoryAuditStore';
export { auditMiddleware, type AuditMiddlewareDeps } from './auditMiddleware';
export { applyRetention, scheduleRetention, type RetentionDeps } from './retention';
export { forgetMe, FORGET_ME_ACTION, type ForgetMeDeps } from './forgetMe';
