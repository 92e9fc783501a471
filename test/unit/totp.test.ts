import { describe, expect, it } from 'vitest';
import { base32Decode, base32Encode, hotp, newTotpSecret, otpauthUri, totpAt, verifyTotp } from '../../infra/local/cognito/totp.js';

// RFC 6238 appendix B: the seeds are the ASCII strings below, 8-digit codes.
const seeds = {
  sha1: Buffer.from('12345678901234567890', 'ascii'),
  sha256: Buffer.from('12345678901234567890123456789012', 'ascii'),
  sha512: Buffer.from('1234567890123456789012345678901234567890123456789012345678901234', 'ascii'),
} as const;

const rfc6238: [number, string, keyof typeof seeds][] = [
  [59, '94287082', 'sha1'],
  [59, '46119246', 'sha256'],
  [59, '90693936', 'sha512'],
  [1111111109, '07081804', 'sha1'],
  [1111111109, '68084774', 'sha256'],
  [1111111109, '25091201', 'sha512'],
  [1111111111, '14050471', 'sha1'],
  [1111111111, '67062674', 'sha256'],
  [1111111111, '99943326', 'sha512'],
  [1234567890, '89005924', 'sha1'],
  [1234567890, '91819424', 'sha256'],
  [1234567890, '93441116', 'sha512'],
  [2000000000, '69279037', 'sha1'],
  [2000000000, '90698825', 'sha256'],
  [2000000000, '38618901', 'sha512'],
  [20000000000, '65353130', 'sha1'],
  [20000000000, '77737706', 'sha256'],
  [20000000000, '47863826', 'sha512'],
];

describe('TOTP (RFC 6238)', () => {
  it.each(rfc6238)('at %i s gives %s with %s', (seconds, expected, algorithm) => {
    // Act
    const code = totpAt(seeds[algorithm], seconds * 1000, { digits: 8, algorithm });
    // Assess
    expect(code).toBe(expected);
  });

  it('HOTP matches RFC 4226 appendix D', () => {
    const expected = ['755224', '287082', '359152', '969429', '338314', '254676', '287922', '162583', '399871', '520489'];
    expect(expected.map((_, i) => hotp(seeds.sha1, BigInt(i)))).toEqual(expected);
  });

  it('base32 round-trips and matches RFC 4648 vectors', () => {
    expect(base32Encode(Buffer.from('foobar'))).toBe('MZXW6YTBOI');
    expect(base32Decode('MZXW6YTBOI======').toString()).toBe('foobar');
    expect(base32Decode('mzxw 6ytb oi').toString()).toBe('foobar');
    expect(() => base32Decode('MZXW1')).toThrow();
    const secret = newTotpSecret();
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(base32Decode(secret)).toHaveLength(20);
  });

  it('accepts the current step and one either side, no further, and says which step matched', () => {
    // Prepare
    const secret = base32Encode(seeds.sha1);
    const at = 1111111111_000;
    const step = Math.floor(at / 30_000);
    const codeAt = (ms: number) => totpAt(seeds.sha1, ms);
    // Act / Assess
    expect(verifyTotp(secret, codeAt(at), at)).toBe(step);
    expect(verifyTotp(secret, codeAt(at - 30_000), at)).toBe(step - 1);
    expect(verifyTotp(secret, codeAt(at + 30_000), at)).toBe(step + 1);
    expect(verifyTotp(secret, codeAt(at - 60_000), at)).toBeUndefined();
    expect(verifyTotp(secret, codeAt(at + 60_000), at)).toBeUndefined();
    expect(verifyTotp(secret, '12345', at)).toBeUndefined();
    expect(verifyTotp(secret, 'abcdef', at)).toBeUndefined();
  });

  it('builds the otpauth URI authenticator apps read', () => {
    expect(otpauthUri('MZXW6YTBOI', 'bm@example.org', 'Example LSCB')).toBe(
      'otpauth://totp/Example%20LSCB%3Abm%40example.org?secret=MZXW6YTBOI&issuer=Example%20LSCB&algorithm=SHA1&digits=6&period=30',
    );
  });
});
