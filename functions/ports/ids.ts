/** Random identifiers: a port so tests can make them predictable. */
export interface Ids {
  /** A random UUID v4. */
  uuid(): string;
  /** A secret for a link: 256 random bits, base64url. Only its hash is stored. */
  secret(): string;
}

export const cryptoIds: Ids = {
  uuid: () => crypto.randomUUID(),
  secret: () => Buffer.from(crypto.getRandomValues(new Uint8Array(32))).toString('base64url'),
};

/** SHA-256 of a link secret, hex: what is stored and looked up. */
export async function hashSecret(secret: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(secret));
  return Buffer.from(digest).toString('hex');
}
