import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { ResourceStore } from '../store/resource-store.js';

/**
 * The key that signs feedback links. It lives in the store (not in code, not in a module variable) so that it is
 * random per server, survives a restart with `--data FILE` together with the links it signed, and is replaced
 * by a reset, which drops those links anyway. No contract operation reads `x-` records back.
 */
const SECRET_TYPE = 'x-FeedbackLinkSecret';
const SECRET_ID = 'hmac-sha256';

function signingKey(store: ResourceStore): Buffer {
  const stored = store.read(SECRET_TYPE, SECRET_ID)?.key;
  if (typeof stored === 'string') return Buffer.from(stored, 'base64url');
  const key = randomBytes(32);
  store.put({ resourceType: SECRET_TYPE, id: SECRET_ID, key: key.toString('base64url') });
  return key;
}

/**
 * What a token claims: the link's random id, its location and its expiry. Nothing about the patient or the
 * visit: the token is printed as a QR code and ends up in browser histories.
 */
export interface LinkClaims {
  /** `x-FeedbackLink` id (random UUID). */
  linkId: string;
  locationId: string;
  /** Expiry, whole seconds since the epoch. */
  expiresAt: number;
}

interface WireClaims {
  i: string;
  l: string;
  e: number;
}

function mac(store: ResourceStore, payload: string): Buffer {
  return createHmac('sha256', signingKey(store)).update(payload).digest();
}

/** `base64url(claims).base64url(HMAC-SHA256(claims))`: URL-safe and matching the contract's `FeedbackToken`. */
export function signLinkToken(store: ResourceStore, claims: LinkClaims): string {
  const wire: WireClaims = { i: claims.linkId, l: claims.locationId, e: claims.expiresAt };
  const payload = Buffer.from(JSON.stringify(wire)).toString('base64url');
  return `${payload}.${mac(store, payload).toString('base64url')}`;
}

/** The claims of a token this server signed, or `undefined` for anything forged, tampered with or malformed. */
export function verifyLinkToken(store: ResourceStore, token: string): LinkClaims | undefined {
  const parts = token.split('.');
  if (parts.length !== 2) return undefined;
  const [payload = '', signature = ''] = parts;
  // Compare the canonical text, not decoded bytes: base64url decoding ignores a last character's spare bits,
  // so two different signature strings can decode alike. Constant time, equal lengths only.
  const expected = Buffer.from(mac(store, payload).toString('base64url'));
  const given = Buffer.from(signature);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
  let wire: unknown;
  try {
    wire = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
  const { i, l, e } = (wire ?? {}) as Partial<WireClaims>;
  if (typeof i !== 'string' || typeof l !== 'string' || typeof e !== 'number') return undefined;
  return { linkId: i, locationId: l, expiresAt: e };
}
