import type { ActionLinks, CaseStore, ClaimResult, SentAlerts } from '../../functions/ports/case-store.js';
import type { Mailer, OutgoingEmail } from '../../functions/ports/mailer.js';
import type { ActionLink, AuditEvent, CaseRecord, NotificationRecord, NotificationSummary } from '../../functions/domain/case/case.js';

interface StoredNotification {
  kind: string;
  recipientRole: string;
  email: string;
  status: string;
  claimedAt: string;
  attempts: number;
  messageId?: string;
  resentAfterUnknownOutcome?: boolean;
  linkHash?: string;
}

/** Fakes at the ports, for unit tests of use cases: they keep state in memory and behave like the adapters' contracts. */
export class MemoryStore
  implements
    Pick<
      CaseStore,
      'getCase' | 'claimNotification' | 'recordNotificationSent' | 'releaseNotification' | 'parkNotification' | 'appendAudit' | 'listNotifications' | 'countCaseView'
    >,
    SentAlerts,
    Pick<ActionLinks, 'putLink' | 'getLink' | 'renewLinks'>
{
  cases = new Map<string, CaseRecord>();
  notifications = new Map<string, StoredNotification>();
  audit: AuditEvent[] = [];
  completed = new Map<string, Set<string>>();
  links = new Map<string, ActionLink>();

  #key = (r: { reference: string; kind: string; recipientRole: string }) => `${r.reference}|${r.kind}|${r.recipientRole}`;

  async getCase(reference: string) {
    return this.cases.get(reference);
  }
  async claimNotification(r: NotificationRecord): Promise<ClaimResult> {
    const key = this.#key(r);
    const existing = this.notifications.get(key);
    const retakable =
      !existing || existing.status === 'failed' || existing.status === 'unknown' || (existing.status === 'sending' && existing.claimedAt < r.staleBefore);
    if (!retakable) {
      if (existing.status === 'sent' || existing.status === 'parked') return { claimed: false, status: existing.status };
      return { claimed: false, status: 'sending', claimedAt: existing.claimedAt };
    }
    const attempts = (existing?.attempts ?? 0) + 1;
    this.notifications.set(key, { kind: r.kind, recipientRole: r.recipientRole, email: r.email, status: 'sending', claimedAt: r.claimedAt, attempts });
    return { claimed: true, attempt: attempts, outcomeUnknown: existing?.status === 'sending' || existing?.status === 'unknown' };
  }
  #update(r: NotificationRecord, status: string, extra: Partial<StoredNotification> = {}) {
    const key = this.#key(r);
    const existing = this.notifications.get(key);
    // As the adapter: only the claim this attempt holds changes.
    if (!existing || existing.status !== 'sending' || existing.claimedAt !== r.claimedAt) return false;
    this.notifications.set(key, { ...existing, status, ...extra });
    return true;
  }
  async recordNotificationSent(r: NotificationRecord, messageId: string, audit: AuditEvent) {
    if (!this.#update(r, 'sent', { messageId, ...(r.outcomeUnknown ? { resentAfterUnknownOutcome: true } : {}), ...(r.linkHash ? { linkHash: r.linkHash } : {}) })) {
      throw new Error('ConditionalCheckFailed');
    }
    this.audit.push(audit);
  }
  async releaseNotification(r: NotificationRecord) {
    this.#update(r, 'failed');
  }
  async parkNotification(r: NotificationRecord, audit: AuditEvent) {
    if (this.#update(r, 'parked')) this.audit.push(audit);
  }
  async listNotifications(reference: string): Promise<NotificationSummary[]> {
    return [...this.notifications.entries()]
      .filter(([k]) => k.startsWith(`${reference}|`))
      .map(([, n]) => ({
        kind: n.kind as NotificationSummary['kind'],
        recipientRole: n.recipientRole as NotificationSummary['recipientRole'],
        email: n.email,
        status: n.status,
        claimedAt: n.claimedAt,
        attempts: n.attempts,
        ...(n.messageId ? { messageId: n.messageId } : {}),
        ...(n.resentAfterUnknownOutcome ? { resentAfterUnknownOutcome: true } : {}),
        ...(n.linkHash ? { linkHash: n.linkHash } : {}),
      }));
  }
  /** What a sender that died after claiming leaves behind, as the start-up sweep marks it. */
  markAbandoned() {
    for (const n of this.notifications.values()) if (n.status === 'sending') n.status = 'unknown';
  }
  async appendAudit(e: AuditEvent) {
    this.audit.push(e);
  }
  /** Counted views of a case (action links opened): kept one by one here; the adapter counts per person per minute. */
  async countCaseView(e: AuditEvent) {
    this.audit.push(e);
    return this.audit.filter((a) => a.action === e.action && a.reference === e.reference).length;
  }
  async sentAlertKeys(reference: string) {
    return new Set(this.completed.get(reference) ?? []);
  }
  async markAlertComplete(reference: string, key: string) {
    const set = this.completed.get(reference) ?? new Set<string>();
    set.add(key);
    this.completed.set(reference, set);
  }
  async putLink(link: ActionLink) {
    this.links.set(link.tokenHash, link);
  }
  async renewLinks(tokenHashes: string[], expiresAt: string) {
    for (const h of tokenHashes) {
      const link = this.links.get(h);
      if (link && !link.usedAt && (!link.expiresAt || link.expiresAt < expiresAt)) this.links.set(h, { ...link, expiresAt });
    }
  }
  async getLink(tokenHash: string) {
    return this.links.get(tokenHash);
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
