import { createHash, timingSafeEqual } from 'node:crypto';

/** `BASE64URL(SHA-256(code_verifier))`, the only PKCE method Shifo accepts (RFC 7636 §4.2, `S256`). */
export function s256Challenge(codeVerifier: string): string {
  return createHash('sha256').update(codeVerifier, 'ascii').digest('base64url');
}

/** Does the verifier match the challenge sent to the authorization endpoint? Constant-time. */
export function verifierMatches(codeVerifier: string, codeChallenge: string): boolean {
  const expected = Buffer.from(codeChallenge, 'ascii');
  const actual = Buffer.from(s256Challenge(codeVerifier), 'ascii');
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}
