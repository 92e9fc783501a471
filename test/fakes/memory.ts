import type { CaseStore, SentAlerts } from '../../functions/ports/case-store.js';
import type { Mailer, OutgoingEmail } from '../../functions/ports/mailer.js';
import type { AuditEvent, CaseRecord, NotificationRecord } from '../../functions/domain/case.js';

/** Fakes at the ports, for unit tests of use cases: they keep state in memory and behave like the adapters' contracts. */
export class MemoryStore implements Pick<CaseStore, 'getCase' | 'claimNotification' | 'recordNotificationSent' | 'releaseNotification' | 'appendAudit'>, SentAlerts {
  cases = new Map<string, CaseRecord>();
  notifications = new Map<string, { status: string; claimedAt: string }>();
  audit: AuditEvent[] = [];
  completed = new Map<string, Set<string>>();

  async getCase(reference: string) {
    return this.cases.get(reference);
  }
  async claimNotification(r: NotificationRecord) {
    const key = `${r.reference}|${r.kind}|${r.recipientRole}`;
    const existing = this.notifications.get(key);
    if (existing && !(existing.status === 'failed' || (existing.status === 'sending' && existing.claimedAt < r.staleBefore))) return false;
    this.notifications.set(key, { status: 'sending', claimedAt: r.claimedAt });
    return true;
  }
  async recordNotificationSent(r: NotificationRecord, _messageId: string, audit: AuditEvent) {
    this.notifications.set(`${r.reference}|${r.kind}|${r.recipientRole}`, { status: 'sent', claimedAt: r.claimedAt });
    this.audit.push(audit);
  }
  async releaseNotification(r: NotificationRecord) {
    this.notifications.set(`${r.reference}|${r.kind}|${r.recipientRole}`, { status: 'failed', claimedAt: r.claimedAt });
  }
  async appendAudit(e: AuditEvent) {
    this.audit.push(e);
  }
  async sentAlertKeys(reference: string) {
    return new Set(this.completed.get(reference) ?? []);
  }
  async markAlertComplete(reference: string, key: string) {
    const set = this.completed.get(reference) ?? new Set<string>();
    set.add(key);
    this.completed.set(reference, set);
  }
}

export class MemoryMailer implements Mailer {
  sent: OutgoingEmail[] = [];
  failNext = 0;
  async send(email: OutgoingEmail) {
    if (this.failNext > 0) {
      this.failNext--;
      throw new Error('SES unavailable');
    }
    this.sent.push(email);
    return { messageId: `m-${this.sent.length}` };
  }
}
