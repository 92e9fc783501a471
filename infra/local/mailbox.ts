/**
 * Reading what the SES emulator captured, for tests and tools. Emails are
 * kept in memory by the emulator: they are gone when the platform stops.
 */

/** One captured email. */
export interface CapturedEmail {
  messageId?: string;
  from: string;
  to: string[];
  cc: string[];
  bcc: string[];
  replyTo: string[];
  subject: string;
  text: string;
  html: string;
  /** When SES accepted it (the emulator keeps whole seconds). */
  at: Date;
}

/** The shape `GET /store` answers with (aws-ses-v2-local 2.x). */
interface StoreResponse {
  emails: {
    messageId?: string;
    from: string;
    replyTo?: string[];
    destination?: { to?: string[]; cc?: string[]; bcc?: string[] };
    subject: string;
    body?: { html?: string; text?: string };
    at: number;
  }[];
}

/**
 * Every email the SES emulator at `sesEndpoint` captured, oldest first.
 * `since` keeps only those accepted at or after that instant.
 */
export async function readMailbox(sesEndpoint: string, since?: Date): Promise<CapturedEmail[]> {
  const url = new URL('/store', sesEndpoint);
  if (since) url.searchParams.set('since', String(Math.floor(since.getTime() / 1000)));
  const response = await fetch(url);
  if (!response.ok) throw new Error(`Mailbox answered ${response.status}`);
  const store = (await response.json()) as StoreResponse;
  return store.emails.map((e) => ({
    messageId: e.messageId,
    from: e.from,
    to: e.destination?.to ?? [],
    cc: e.destination?.cc ?? [],
    bcc: e.destination?.bcc ?? [],
    replyTo: e.replyTo ?? [],
    subject: e.subject,
    text: e.body?.text ?? '',
    html: e.body?.html ?? '',
    at: new Date(e.at * 1000),
  }));
}

/** Empties the emulator's mailbox. */
export async function clearMailbox(sesEndpoint: string): Promise<void> {
  const response = await fetch(new URL('/clear-store', sesEndpoint), { method: 'POST' });
  if (!response.ok) throw new Error(`Mailbox answered ${response.status}`);
}

/**
 * Polls the mailbox until `predicate` holds for the emails captured so far,
 * then returns them. Rejects after `timeoutMs`.
 */
export async function waitForMail(
  sesEndpoint: string,
  predicate: (emails: CapturedEmail[]) => boolean,
  { timeoutMs = 10_000, intervalMs = 100 }: { timeoutMs?: number; intervalMs?: number } = {},
): Promise<CapturedEmail[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const emails = await readMailbox(sesEndpoint);
    if (predicate(emails)) return emails;
    if (Date.now() > deadline) throw new Error(`The expected emails did not arrive within ${timeoutMs} ms (${emails.length} captured)`);
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}
