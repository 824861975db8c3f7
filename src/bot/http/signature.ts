/**
 * Discord signs every request to an Interactions Endpoint URL: Ed25519 over the `X-Signature-Timestamp` header
 * followed by the raw body, with the application's public key (Developer Portal, General Information). A request
 * whose signature does not verify, or whose timestamp is further than MAX_SKEW_SECONDS from this clock (a replay),
 * is refused. node:crypto alone.
 */
import { createPublicKey, type KeyObject, verify } from 'node:crypto';

/** How far a request's timestamp may be from this machine's clock, either way. */
export const MAX_SKEW_SECONDS = 300;
/** DER prefix of an Ed25519 SubjectPublicKeyInfo, before the 32 bytes of the raw key. */
const ED25519_SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

/** The application's public key, as the Developer Portal shows it (64 hex digits). */
export function publicKeyFromHex(hex: string): KeyObject {
  if (!/^[0-9a-f]{64}$/i.test(hex)) throw new Error('an Ed25519 public key is 64 hex digits');
  const der = Buffer.concat([ED25519_SPKI_PREFIX, Buffer.from(hex, 'hex')]);
  return createPublicKey({ key: der, format: 'der', type: 'spki' });
}

/** Why the request is refused, or undefined when its signature and timestamp hold. */
export function signatureProblem(
  key: KeyObject,
  signature: string | undefined,
  timestamp: string | undefined,
  body: Buffer,
  nowMs: number = Date.now(),
): string | undefined {
  if (!signature || !timestamp) return 'missing signature headers';
  if (!/^[0-9a-f]{128}$/i.test(signature)) return 'malformed signature';
  if (!/^\d{1,12}$/.test(timestamp)) return 'malformed timestamp';
  if (Math.abs(nowMs / 1000 - Number(timestamp)) > MAX_SKEW_SECONDS) return 'stale timestamp';
  const signed = Buffer.concat([Buffer.from(timestamp, 'utf8'), body]);
  return verify(null, signed, key, Buffer.from(signature, 'hex')) ? undefined : 'bad signature';
}
