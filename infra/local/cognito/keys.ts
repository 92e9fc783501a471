import { calculateJwkThumbprint, exportJWK, generateKeyPair, importJWK, type CryptoKey, type JWK } from 'jose';
import path from 'node:path';
import { COGNITO_DIR, readJsonIfExists, writeJsonAtomic } from './store.js';

/** A pool's RS256 signing key: generated once, kept under `<dataDir>/cognito/`. */
export interface SigningKey {
  kid: string;
  privateKey: CryptoKey;
  publicKey: CryptoKey;
  /** The public half as it appears in the pool's JWKS. */
  publicJwk: JWK;
}

interface StoredKey {
  kid: string;
  privateJwk: JWK;
}

/**
 * Loads the pool's signing key, or generates and stores one. Kept across
 * restarts so tokens issued before a restart still verify after it, as
 * Cognito's do.
 */
export async function loadOrCreateSigningKey(dataDir: string, userPoolId: string): Promise<SigningKey> {
  const file = path.join(dataDir, COGNITO_DIR, `${userPoolId}.signing-key.json`);
  let stored = await readJsonIfExists<StoredKey>(file);
  if (!stored) {
    const { privateKey } = await generateKeyPair('RS256', { modulusLength: 2048, extractable: true });
    const privateJwk = await exportJWK(privateKey);
    // Cognito's kid is opaque; a thumbprint is stable for the key and says nothing else.
    stored = { kid: await calculateJwkThumbprint(privateJwk), privateJwk };
    await writeJsonAtomic(file, stored);
  }
  const { d: _d, p: _p, q: _q, dp: _dp, dq: _dq, qi: _qi, ...publicPart } = stored.privateJwk;
  const publicJwk: JWK = { alg: 'RS256', e: publicPart.e, kid: stored.kid, kty: 'RSA', n: publicPart.n, use: 'sig' };
  const privateKey = (await importJWK({ ...stored.privateJwk, alg: 'RS256' }, 'RS256')) as CryptoKey;
  const publicKey = (await importJWK(publicJwk, 'RS256')) as CryptoKey;
  return { kid: stored.kid, privateKey, publicKey, publicJwk };
}
