import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Time-based one-time passwords (RFC 6238, on HOTP of RFC 4226) as Cognito
 * uses them for SOFTWARE_TOKEN_MFA: a base32 secret, 30-second steps, six
 * digits, HMAC-SHA1, and one step of clock drift either side accepted.
 */

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

export type TotpAlgorithm = 'sha1' | 'sha256' | 'sha512';

export interface TotpOptions {
  /** Seconds per step (X in RFC 6238). */
  stepSeconds?: number;
  digits?: number;
  algorithm?: TotpAlgorithm;
}

const DEFAULTS = { stepSeconds: 30, digits: 6, algorithm: 'sha1' as TotpAlgorithm };

/** RFC 4648 base32, upper case, no padding (what authenticator apps expect). */
export function base32Encode(bytes: Uint8Array): string {
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += BASE32[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += BASE32[(value << (5 - bits)) & 31];
  return out;
}

/** Decodes base32, ignoring case, spaces and padding; throws on any other character. */
export function base32Decode(text: string): Buffer {
  const clean = text.replace(/[\s=]/g, '').toUpperCase();
  let bits = 0;
  let value = 0;
  const out: number[] = [];
  for (const c of clean) {
    const index = BASE32.indexOf(c);
    if (index < 0) throw new Error('Not base32');
    value = (value << 5) | index;
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  return Buffer.from(out);
}

/** A new secret: 20 random bytes (160 bits, RFC 4226's recommendation), base32. */
export function newTotpSecret(): string {
  return base32Encode(randomBytes(20));
}

/** HOTP (RFC 4226 section 5.3): the code for one counter value. */
export function hotp(key: Uint8Array, counter: bigint, digits = 6, algorithm: TotpAlgorithm = 'sha1'): string {
  const message = Buffer.alloc(8);
  message.writeBigUInt64BE(counter);
  const mac = createHmac(algorithm, key).update(message).digest();
  const offset = (mac[mac.length - 1] as number) & 0x0f;
  const binary = (((mac[offset] as number) & 0x7f) << 24) | ((mac[offset + 1] as number) << 16) | ((mac[offset + 2] as number) << 8) | (mac[offset + 3] as number);
  return String(binary % 10 ** digits).padStart(digits, '0');
}

/** The TOTP code at `atMs` for a raw key (RFC 6238 section 4.2, T0 = 0). */
export function totpAt(key: Uint8Array, atMs: number, options: TotpOptions = {}): string {
  const { stepSeconds, digits, algorithm } = { ...DEFAULTS, ...options };
  const counter = BigInt(Math.floor(atMs / 1000 / stepSeconds));
  return hotp(key, counter, digits, algorithm);
}

/**
 * Checks a six-digit code against a base32 secret at `atMs`, allowing one
 * step of drift either side. Returns the step it matched, so a caller can
 * refuse the same step twice (a code works once), or undefined.
 */
export function verifyTotp(secret: string, code: string, atMs: number, options: TotpOptions = {}): number | undefined {
  const { stepSeconds, digits } = { ...DEFAULTS, ...options };
  const wanted = code.replace(/\s/g, '');
  if (!new RegExp(`^\\d{${digits}}$`).test(wanted)) return undefined;
  const key = base32Decode(secret);
  const step = Math.floor(atMs / 1000 / stepSeconds);
  for (const drift of [0, -1, 1]) {
    const candidate = hotp(key, BigInt(step + drift), digits, options.algorithm ?? DEFAULTS.algorithm);
    if (timingSafeEqual(Buffer.from(candidate), Buffer.from(wanted))) return step + drift;
  }
  return undefined;
}

/** The otpauth:// URI authenticator apps read from a QR code (Key Uri Format). */
export function otpauthUri(secret: string, account: string, issuer: string): string {
  const label = encodeURIComponent(`${issuer}:${account}`);
  return `otpauth://totp/${label}?secret=${secret}&issuer=${encodeURIComponent(issuer)}&algorithm=SHA1&digits=6&period=30`;
}
