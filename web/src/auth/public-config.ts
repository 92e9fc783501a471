import { useEffect, useState } from 'react';
import { publicConfigSchema, type PublicConfig } from '../../../functions/schemas/api.js';

/**
 * `GET /api/config`: the pool and client ids, the Cognito API URL, the
 * allowed referrer domains and the idle limit. Fetched once per page load
 * and shared; a failed fetch is retried by the next caller.
 */
let loaded: PublicConfig | null = null;
let pending: Promise<PublicConfig> | null = null;

export class ConfigUnavailableError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'ConfigUnavailableError';
  }
}

export function loadPublicConfig(): Promise<PublicConfig> {
  if (loaded) return Promise.resolve(loaded);
  pending ??= (async () => {
    try {
      const response = await fetch('/api/config', { headers: { Accept: 'application/json' }, credentials: 'same-origin' });
      if (!response.ok) throw new ConfigUnavailableError(`GET /api/config answered ${response.status}`);
      const parsed = publicConfigSchema.safeParse(await response.json());
      if (!parsed.success) throw new ConfigUnavailableError('GET /api/config answered an unexpected shape');
      loaded = parsed.data;
      return loaded;
    } catch (error) {
      pending = null;
      throw error instanceof ConfigUnavailableError ? error : new ConfigUnavailableError('Could not load /api/config', { cause: error });
    }
  })();
  return pending;
}

/** The configuration if it has arrived, without waiting. */
export function publicConfigNow(): PublicConfig | null {
  return loaded;
}

/** The configuration for a component; null until it arrives (or if it cannot be fetched). */
export function usePublicConfig(): PublicConfig | null {
  const [config, setConfig] = useState<PublicConfig | null>(loaded);
  useEffect(() => {
    if (config) return;
    let live = true;
    loadPublicConfig().then(
      (c) => live && setConfig(c),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [config]);
  return config;
}

/**
 * True when the email's domain is one of the Board's partner domains, or a
 * subdomain of one (`name@trust.nhs.net` for `nhs.net`). The referrer pool's
 * pre sign-up trigger makes the same check; this one just answers sooner.
 */
export function isAllowedReferrerEmail(email: string, allowedDomains: readonly string[]): boolean {
  const at = email.lastIndexOf('@');
  if (at < 0) return false;
  const domain = email.slice(at + 1).trim().toLowerCase().replace(/\.$/, '');
  return allowedDomains.some((allowed) => {
    const a = allowed.toLowerCase();
    return domain === a || domain.endsWith(`.${a}`);
  });
}
