/**
 * The local runtime's own log lines. They describe what the runtime does
 * (started, retried, failed) and never carry case content: no request
 * bodies, no record images, no email bodies.
 */
export interface LocalLog {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

/** A console log with a `[local]` prefix; `quiet` drops the info lines. */
export function createLog(quiet = false): LocalLog {
  return {
    info: (m) => {
      if (!quiet) console.log(`[local] ${m}`);
    },
    warn: (m) => console.warn(`[local] ${m}`),
    error: (m) => console.error(`[local] ${m}`),
  };
}

/** The name and message of an error, for a log line. Never its data. */
export function describeError(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return String(error);
}
