/** An email to one or more recipients. Plain text and a simple HTML part. */
export interface OutgoingEmail {
  to: string[];
  subject: string;
  text: string;
  html: string;
  /** Tags for delivery tracking: the case reference and the notification kind. */
  tags: Record<string, string>;
}

export interface SentEmail {
  messageId: string;
}

export interface Mailer {
  send(email: OutgoingEmail): Promise<SentEmail>;
}
