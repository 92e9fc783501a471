import type { Actor, AuditEvent } from '../case/case.js';

/** What an audit event says; the factory adds nothing but leaves absent fields out. */
export interface AuditEventInput {
  eventId: string;
  reference: string;
  at: string | Date;
  action: AuditEvent['action'];
  actor: Actor;
  detail?: Record<string, string | number | boolean | undefined>;
  requestId?: string;
  sourceIp?: string;
}

/**
 * The one way to build an audit event: pure (id and time are passed in),
 * absent optional fields and undefined detail values left out, so every
 * event has the same shape whoever writes it.
 */
export function auditEvent(input: AuditEventInput): AuditEvent {
  const detail = input.detail
    ? (Object.fromEntries(Object.entries(input.detail).filter(([, v]) => v !== undefined)) as Record<string, string | number | boolean>)
    : undefined;
  return {
    eventId: input.eventId,
    reference: input.reference,
    at: typeof input.at === 'string' ? input.at : input.at.toISOString(),
    action: input.action,
    actor: input.actor,
    ...(input.requestId ? { requestId: input.requestId } : {}),
    ...(input.sourceIp ? { sourceIp: input.sourceIp } : {}),
    ...(detail && Object.keys(detail).length > 0 ? { detail } : {}),
  };
}
