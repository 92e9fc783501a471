import { createRemoteJWKSet, jwtVerify, type JWTPayload } from 'jose';
import type { Caller, TokenVerifier } from '../../ports/identity.js';
import { UnauthorizedError } from '../../domain/errors.js';
import { isStaffRole, type Role } from '../../domain/access/roles.js';

export interface PoolSpec {
  pool: 'staff' | 'referrer';
  issuer: string;
  clientId: string;
}

/**
 * Verifies Cognito ID tokens against each pool's published keys (JWKS):
 * signature, issuer, audience (the pool's app client), expiry and
 * `token_use`. The same code runs in AWS and against the local emulator,
 * which publishes its keys the same way.
 */
export class CognitoTokenVerifier implements TokenVerifier {
  readonly #pools: (PoolSpec & { jwks: ReturnType<typeof createRemoteJWKSet> })[];

  constructor(
    pools: PoolSpec[],
    private readonly now: () => Date,
  ) {
    this.#pools = pools.map((p) => ({ ...p, jwks: createRemoteJWKSet(new URL(`${p.issuer}/.well-known/jwks.json`)) }));
  }

  async verify(token: string): Promise<Caller> {
    let issuer: string | undefined;
    try {
      const [, body] = token.split('.');
      issuer = (JSON.parse(Buffer.from(body ?? '', 'base64url').toString('utf8')) as JWTPayload).iss;
    } catch {
      throw new UnauthorizedError();
    }
    const pool = this.#pools.find((p) => p.issuer === issuer);
    if (!pool) throw new UnauthorizedError();
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, pool.jwks, {
        issuer: pool.issuer,
        audience: pool.clientId,
        algorithms: ['RS256'],
        currentDate: this.now(),
        requiredClaims: ['sub', 'exp', 'iat', 'token_use'],
      }));
    } catch (cause) {
      throw new UnauthorizedError(undefined, { cause });
    }
    if (payload.token_use !== 'id' || typeof payload.email !== 'string' || payload.email_verified === false) {
      throw new UnauthorizedError();
    }
    const groups = Array.isArray(payload['cognito:groups']) ? (payload['cognito:groups'] as unknown[]).map(String) : [];
    const roles: Role[] = pool.pool === 'referrer' ? ['referrer'] : groups.filter(isStaffRole);
    return {
      userId: String(payload.sub),
      email: payload.email.toLowerCase(),
      pool: pool.pool,
      roles,
      sessionId: String(payload.origin_jti ?? payload.jti ?? payload.sub),
      authTime: Number(payload.auth_time ?? payload.iat),
    };
  }
}
