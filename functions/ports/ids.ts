/** Random identifiers: a port so tests can make them predictable. */
export interface Ids {
  /** A random UUID v4. */
  uuid(): string;
}

export const cryptoIds: Ids = { uuid: () => crypto.randomUUID() };
