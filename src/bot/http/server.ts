/**
 * The HTTP interactions endpoint (`npm run start:http`): a node:http server Discord POSTs every interaction to,
 * once its URL is set as the application's Interactions Endpoint URL (docs/http-interactions.md). Each request's
 * Ed25519 signature and timestamp are checked first (401 when they do not hold); PING is answered with PONG;
 * commands, autocomplete and buttons are answered by the gateway bot's own handler (responder.ts). GET /healthz
 * is for the load balancer. Stateless between requests: any number of instances can serve one application.
 */

import type { KeyObject } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { InteractionResponseType, InteractionType } from 'discord.js';
import type { Logger } from '../log.ts';
import type { InteractionPayload, InteractionResponder } from './responder.ts';
import { signatureProblem } from './signature.ts';

/** Interaction payloads are a few kilobytes (attachments come as links); anything far larger is refused. */
export const MAX_BODY_BYTES = 1_000_000;

export interface InteractionsServerOptions {
  publicKey: KeyObject;
  responder: Pick<InteractionResponder, 'answer'>;
  log: Logger;
  /** What /healthz reports besides `status: ok` (the knowledge base's version, for example). */
  health: () => Record<string, unknown>;
  now?: () => number;
}

class RequestTooLarge extends Error {}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new RequestTooLarge();
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** A payload the responder can read: an object with an id, a token, an application id and a numeric type. */
function isPayload(value: unknown): value is InteractionPayload {
  if (typeof value !== 'object' || value === null) return false;
  const { id, type, token, application_id } = value as Record<string, unknown>;
  return (
    typeof type === 'number' &&
    typeof id === 'string' &&
    typeof token === 'string' &&
    typeof application_id === 'string'
  );
}

const ANSWERED_TYPES: readonly number[] = [
  InteractionType.ApplicationCommand,
  InteractionType.MessageComponent,
  InteractionType.ApplicationCommandAutocomplete,
  InteractionType.ModalSubmit,
];

export function createInteractionsServer(options: InteractionsServerOptions): Server {
  const { log } = options;
  return createServer((req, res) => {
    handle(req, res, options).catch((error: unknown) => {
      log.error('http.error', { error });
      if (!res.headersSent) send(res, 500, { error: 'internal error' });
      else res.end();
    });
  });
}

async function handle(
  req: IncomingMessage,
  res: ServerResponse,
  options: InteractionsServerOptions,
): Promise<void> {
  const { log, responder, publicKey, now = Date.now } = options;
  const path = new URL(req.url ?? '/', 'http://localhost').pathname;
  if (path === '/healthz' && (req.method === 'GET' || req.method === 'HEAD')) {
    send(res, 200, { status: 'ok', ...options.health() });
    return;
  }
  if (req.method !== 'POST') {
    send(res, path === '/healthz' ? 405 : 404, { error: 'POST interactions here; GET /healthz' });
    return;
  }
  let body: Buffer;
  try {
    body = await readBody(req);
  } catch (error) {
    if (!(error instanceof RequestTooLarge)) throw error;
    send(res, 413, { error: 'request too large' });
    return;
  }
  const problem = signatureProblem(
    publicKey,
    header(req, 'x-signature-ed25519'),
    header(req, 'x-signature-timestamp'),
    body,
    now(),
  );
  if (problem) {
    log.warn('http.refused', { reason: problem, from: req.socket.remoteAddress });
    send(res, 401, { error: `invalid request signature (${problem})` });
    return;
  }
  let payload: unknown;
  try {
    payload = JSON.parse(body.toString('utf8'));
  } catch {
    send(res, 400, { error: 'the body is not JSON' });
    return;
  }
  if (!isPayload(payload)) {
    send(res, 400, { error: 'not an interaction' });
    return;
  }
  if (payload.type === InteractionType.Ping) {
    send(res, 200, { type: InteractionResponseType.Pong });
    return;
  }
  if (!ANSWERED_TYPES.includes(payload.type)) {
    log.warn('http.unknown_type', { type: payload.type });
    send(res, 400, { error: `unknown interaction type ${payload.type}` });
    return;
  }
  send(res, 200, await responder.answer(payload));
}
