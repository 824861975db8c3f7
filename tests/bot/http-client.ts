/**
 * Discord's side of an Interactions Endpoint URL, for tests: an Ed25519 key pair standing for the application's,
 * requests signed as Discord signs them, and a round-robin "load balancer" that delivers the fake Discord's
 * interactions to one or more endpoints and hands each HTTP response back to the fake as the initial response.
 */
import { generateKeyPairSync, type KeyObject, sign } from 'node:crypto';
import type { FakeDiscord } from './fake-discord.ts';

export interface SigningKey {
  /** The public key as the Developer Portal shows it: 64 hex digits. */
  publicKey: string;
  privateKey: KeyObject;
}

export function signingKey(): SigningKey {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const der = publicKey.export({ format: 'der', type: 'spki' });
  return { publicKey: der.subarray(der.length - 32).toString('hex'), privateKey };
}

export interface Delivery {
  status: number;
  body: unknown;
}

/** POSTs `body` to an endpoint, signed with `key` at `timestamp` (seconds; default now) unless `signature` is given. */
export async function postSigned(
  url: string,
  body: string,
  key: SigningKey,
  {
    timestamp = String(Math.floor(Date.now() / 1000)),
    signature,
  }: { timestamp?: string; signature?: string } = {},
): Promise<Delivery> {
  const signed = signature ?? sign(null, Buffer.from(timestamp + body), key.privateKey).toString('hex');
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-signature-ed25519': signed,
      'x-signature-timestamp': timestamp,
    },
    body,
  });
  const text = await response.text();
  return { status: response.status, body: text === '' ? undefined : (JSON.parse(text) as unknown) };
}

/**
 * The fake's interactions go to `endpoints` in turn (or to the one `pick` names), signed; each HTTP response
 * becomes the interaction's initial response in the fake. Returns every delivery by interaction id, with the time
 * it took.
 */
export function balance(
  fake: FakeDiscord,
  endpoints: readonly string[],
  key: SigningKey,
  pick?: () => number,
): Map<string, Delivery & { endpoint: string; ms: number }> {
  const deliveries = new Map<string, Delivery & { endpoint: string; ms: number }>();
  let next = 0;
  fake.deliver = (payload) => {
    const endpoint = endpoints[(pick ? pick() : next++) % endpoints.length] as string;
    const started = performance.now();
    void postSigned(endpoint, JSON.stringify(payload), key).then((delivery) => {
      const id = payload.id as string;
      deliveries.set(id, { ...delivery, endpoint, ms: performance.now() - started });
      if (delivery.status === 200) fake.callback(id, delivery.body as { type: number });
    });
  };
  return deliveries;
}
