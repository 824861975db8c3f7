/**
 * A small fake Discord on 127.0.0.1 for end-to-end tests: the REST routes and the gateway that the real
 * discord.js 14 client uses, recording every request so that tests can read exactly what the bot sent.
 */
import { once } from 'node:events';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type WebSocket, WebSocketServer } from 'ws';

export const APPLICATION_ID = '900000000000000001';
export const GUILD_ID = '900000000000000002';
/** A second server, on the other shard of two (a guild's shard is `(id >> 22) % shard_count`). */
export const OTHER_GUILD_ID = '900000000004194306';
/** Every server the bot is in, each with its own channel. */
export const GUILD_IDS = [GUILD_ID, OTHER_GUILD_ID] as const;
const CHANNEL_OF: Record<string, string> = {
  [GUILD_ID]: '900000000000000003',
  [OTHER_GUILD_ID]: '900000000004194307',
};
export const CHANNEL_ID = '900000000000000003';
/** The channel of direct messages with the bot. */
export const DM_CHANNEL_ID = '900000000000000009';
export const MODERATOR_ROLE_ID = '900000000000000004';
export const OTHER_ROLE_ID = '900000000000000005';
/** Permission bits as Discord sends them (decimal strings). */
export const PERMISSIONS = { none: '0', manageGuild: String(1n << 5n) } as const;

export interface RecordedRequest {
  method: string;
  /** Decoded path, e.g. `/api/v10/webhooks/1/tok/messages/@original`. */
  path: string;
  query: URLSearchParams;
  body: unknown;
}

export interface Reply {
  /**
   * 4 message, 5 deferred message, 6 deferred update, 7 update of the button's message, 8 autocomplete
   * result; 0 for an edit or a follow-up.
   */
  type: number;
  data: Record<string, unknown>;
  via: 'callback' | 'edit' | 'delete' | 'followup';
}

export interface InteractionUser {
  id?: string;
  /** The server the member writes in (default GUILD_ID); null for a direct message. */
  guild?: string | null;
  roles?: string[];
  permissions?: string;
  /** In a direct message with the bot: no server, no member. */
  dm?: boolean;
}

export interface CommandOption {
  name: string;
  type: number;
  value?: string | number | boolean;
  focused?: boolean;
  options?: CommandOption[];
}

interface Attachment {
  id: string;
  filename: string;
  size: number;
  url: string;
  proxy_url: string;
  content_type?: string;
}

const OPTION_TYPES = { subcommand: 1, string: 3, boolean: 5, attachment: 11 } as const;

/** Option builders, so that tests read like the slash command a person types. */
export const option = {
  string: (name: string, value: string, focused = false): CommandOption => ({
    name,
    type: OPTION_TYPES.string,
    value,
    ...(focused ? { focused } : {}),
  }),
  boolean: (name: string, value: boolean): CommandOption => ({ name, type: OPTION_TYPES.boolean, value }),
  attachment: (name: string, id: string): CommandOption => ({
    name,
    type: OPTION_TYPES.attachment,
    value: id,
  }),
  subcommand: (name: string, options: CommandOption[] = []): CommandOption => ({
    name,
    type: OPTION_TYPES.subcommand,
    options,
  }),
};

/** A message as the fake keeps it: Discord's message object (components and embeds as the bot sent them). */
export interface FakeMessage extends Record<string, unknown> {
  id: string;
  flags?: number;
  content?: string;
  embeds?: Record<string, unknown>[];
  components?: { type: number; components: { type: number; custom_id?: string; label?: string }[] }[];
  interaction_metadata?: Record<string, unknown>;
}

function userObject(id: string): Record<string, unknown> {
  return { id, username: `user${id.slice(-3)}`, discriminator: '0', global_name: null, avatar: null };
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

function sendJson(res: ServerResponse, status: number, body?: unknown): void {
  if (body === undefined) {
    res.writeHead(status).end();
    return;
  }
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}

/** Faults the fake can play, each as Discord (or a hostile payload) would. */
export interface Faults {
  /** REST requests not authorised with this token get 401, as Discord answers a bad token. */
  acceptedToken?: string;
  /** The gateway closes a session with this code when it identifies (4004 bad token, 4014 intents). */
  identifyCloseCode?: number;
  /**
   * Requests whose path matches get 429 with this Retry-After header (seconds) and `retry_after` in the body
   * (`bodyRetryAfterSeconds`, else the same); `times` of them, then the limit is lifted (default: for ever).
   */
  rateLimit?: { path: RegExp; retryAfterSeconds: number; bodyRetryAfterSeconds?: number; times?: number };
}

export class FakeDiscord {
  readonly requests: RecordedRequest[] = [];
  readonly faults: Faults = {};
  /** Bytes written by streamed attachments so far, by path (to see where a download stopped). */
  readonly streamedBytes = new Map<string, number>();
  private readonly streams = new Map<string, { chunk: Uint8Array; total: number; contentType: string }>();
  private readonly redirects = new Map<string, string>();
  readonly identifies: unknown[] = [];
  /** The shard count GET /gateway/bot recommends (what SHARD_COUNT=auto gets). */
  recommendedShards = 1;
  /**
   * Where interactions go instead of the gateway: an Interactions Endpoint URL's client (tests/bot/http-harness.ts),
   * which hands the HTTP response back through `callback`.
   */
  deliver: ((payload: Record<string, unknown>) => void) | undefined;
  private readonly files = new Map<string, { bytes: Uint8Array; contentType: string }>();
  private readonly replies = new Map<string, Reply[]>();
  /** Every message the bot made, by id, as it is now (edits and updates applied). */
  private readonly messages = new Map<string, FakeMessage>();
  /** Interaction id -> ids of the messages its responses made (the original first, then follow-ups). */
  private readonly messagesOf = new Map<string, string[]>();
  /** Interaction id -> the message whose button was pressed (for updates, type 7). */
  private readonly pressedMessage = new Map<string, string>();
  /** Interaction id -> who caused it, for the messages it makes. */
  private readonly users = new Map<string, Record<string, unknown>>();
  private readonly waiters = new Set<() => void>();
  private readonly sockets = new Set<WebSocket>();
  private readonly server = createServer((req, res) => {
    this.handle(req, res).catch((error: unknown) => sendJson(res, 500, { message: String(error) }));
  });
  private readonly wss = new WebSocketServer({ server: this.server });
  private nextId = 1000n;
  /** The gateway connection of each shard, by shard id. */
  private readonly gateways = new Map<number, { socket: WebSocket; count: number; sequence: number }>();

  private constructor() {
    this.wss.on('connection', (socket) => this.onConnection(socket));
  }

  static async start(): Promise<FakeDiscord> {
    const fake = new FakeDiscord();
    fake.server.listen(0, '127.0.0.1');
    await once(fake.server, 'listening');
    return fake;
  }

  get origin(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** The value for DISCORD_API_URL. */
  get apiUrl(): string {
    return `${this.origin}/api`;
  }

  /** Serves bytes as a Discord attachment and returns the attachment object an interaction carries. */
  attachment(
    filename: string,
    bytes: Uint8Array,
    contentType = 'text/markdown',
    size = bytes.length,
  ): Attachment {
    const id = this.snowflake();
    const path = `/attachments/${CHANNEL_ID}/${id}/${filename}`;
    this.files.set(path, { bytes, contentType });
    const url = `${this.origin}/attachments/${CHANNEL_ID}/${id}/${encodeURIComponent(filename)}`;
    return { id, filename, size, url, proxy_url: url, content_type: contentType };
  }

  /** An attachment whose URL answers with a redirect to `location` (anywhere, as a hostile payload could). */
  redirectingAttachment(filename: string, location: string, size = 100): Attachment {
    const id = this.snowflake();
    const path = `/attachments/${CHANNEL_ID}/${id}/${filename}`;
    this.redirects.set(path, location);
    const url = `${this.origin}/attachments/${CHANNEL_ID}/${id}/${encodeURIComponent(filename)}`;
    return { id, filename, size, url, proxy_url: url, content_type: 'text/markdown' };
  }

  /** An attachment that declares `declaredSize` bytes but streams `totalBytes` (written chunk by chunk). */
  streamingAttachment(filename: string, totalBytes: number, declaredSize: number): Attachment {
    const id = this.snowflake();
    const path = `/attachments/${CHANNEL_ID}/${id}/${filename}`;
    this.streams.set(path, {
      chunk: new Uint8Array(64 * 1024).fill(0x61),
      total: totalBytes,
      contentType: 'text/plain',
    });
    const url = `${this.origin}/attachments/${CHANNEL_ID}/${id}/${encodeURIComponent(filename)}`;
    return { id, filename, size: declaredSize, url, proxy_url: url, content_type: 'text/plain' };
  }

  /** Closes the live gateway sessions with `code`, as Discord ends a session for good (4004, 4014). */
  closeGateway(code: number): void {
    for (const { socket } of this.gateways.values()) socket.close(code, 'closed by the fake');
  }

  /** Sends a slash command; returns its interaction id. */
  command(
    name: string,
    options: CommandOption[] = [],
    user: InteractionUser = {},
    attachments: Attachment[] = [],
  ): string {
    const data: Record<string, unknown> = {
      id: this.snowflake(),
      name,
      type: 1,
      options,
      ...(user.guild === null ? {} : { guild_id: user.guild ?? GUILD_ID }),
    };
    if (attachments.length > 0)
      data.resolved = { attachments: Object.fromEntries(attachments.map((a) => [a.id, a])) };
    return this.interaction(2, data, user);
  }

  /** Sends an autocomplete request for the option marked `focused`; returns its interaction id. */
  autocomplete(name: string, options: CommandOption[], user: InteractionUser = {}): string {
    const guild = user.guild === null ? {} : { guild_id: user.guild ?? GUILD_ID };
    return this.interaction(4, { id: this.snowflake(), name, type: 1, options, ...guild }, user);
  }

  /** Presses a button of a message the bot sent; returns the press's interaction id. */
  press(messageId: string, customId: string, user: InteractionUser = {}): string {
    const message = this.messages.get(messageId);
    if (!message) throw new Error(`fake Discord: no message ${messageId}`);
    const id = this.interaction(3, { custom_id: customId, component_type: 2 }, user, { message });
    this.pressedMessage.set(id, messageId);
    return id;
  }

  /** Runs a message context-menu command on a message with this text; returns its interaction id. */
  messageCommand(name: string, content: string, user: InteractionUser = {}): string {
    const target = this.message({
      content,
      type: 0,
      author: userObject('900000000000000200'),
      webhook_id: undefined,
      application_id: undefined,
    });
    const data = {
      id: this.snowflake(),
      name,
      type: 3,
      target_id: target.id,
      resolved: { messages: { [target.id]: target } },
      ...(user.dm || user.guild === null ? {} : { guild_id: user.guild ?? GUILD_ID }),
    };
    return this.interaction(2, data, user);
  }

  /** The messages an interaction's responses made, as they are now: the original first, then follow-ups. */
  messagesFrom(interactionId: string): FakeMessage[] {
    return (this.messagesOf.get(interactionId) ?? []).map((id) => this.messages.get(id) as FakeMessage);
  }

  /** A message as it is now. */
  messageById(messageId: string): FakeMessage {
    const message = this.messages.get(messageId);
    if (!message) throw new Error(`fake Discord: no message ${messageId}`);
    return message;
  }

  /** Every message the bot made, as they are now. */
  allMessages(): FakeMessage[] {
    return [...this.messages.values()];
  }

  /** The responses to one interaction so far, in order. */
  repliesTo(interactionId: string): Reply[] {
    return this.replies.get(interactionId) ?? [];
  }

  /**
   * The response a person would end up seeing: the reply, the edit of a deferred reply, or autocomplete
   * choices. Waits for it (a deferral alone is not the end).
   */
  async response(interactionId: string, timeoutMs = 5000): Promise<Reply & { ephemeral: boolean }> {
    const replies = await this.waitFor(() => {
      const list = this.repliesTo(interactionId);
      const first = list[0];
      if (!first) return undefined;
      // After a deferral, the answer is the edit of the deferred reply or a follow-up (not a deletion).
      if (first.type === 5)
        return list.some((r) => r.via === 'edit' || r.via === 'followup') ? list : undefined;
      return list;
    }, timeoutMs);
    const first = replies[0] as Reply;
    const last = replies.at(-1) as Reply;
    // An edit keeps the deferral's flags; a reply or follow-up carries its own.
    const flags = Number((last.via === 'edit' ? first.data.flags : last.data.flags) ?? 0);
    return { ...last, ephemeral: (flags & 64) === 64 };
  }

  /** Resolves with the predicate's first defined value, checked after every request. */
  async waitFor<T>(predicate: () => T | undefined, timeoutMs = 5000): Promise<T> {
    const now = predicate();
    if (now !== undefined) return now;
    return new Promise<T>((resolve, reject) => {
      const check = () => {
        const value = predicate();
        if (value === undefined) return;
        clearTimeout(timer);
        this.waiters.delete(check);
        resolve(value);
      };
      const timer = setTimeout(() => {
        this.waiters.delete(check);
        reject(new Error(`fake Discord: nothing matched within ${timeoutMs} ms`));
      }, timeoutMs);
      this.waiters.add(check);
    });
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.terminate();
    this.wss.close();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private snowflake(): string {
    this.nextId += 1n;
    return String(900000000000000000n + this.nextId);
  }

  private notify(): void {
    for (const waiter of [...this.waiters]) waiter();
  }

  /** The gateway connection that carries a guild's events: its shard's (`(id >> 22) % count`); DMs go to shard 0. */
  private socketOf(guildId: string | null): { socket: WebSocket; count: number; sequence: number } {
    const count = this.gateways.values().next().value?.count ?? 1;
    const shard = guildId === null ? 0 : Number((BigInt(guildId) >> 22n) % BigInt(count));
    const gateway = this.gateways.get(shard);
    if (!gateway)
      throw new Error(`fake Discord: no gateway connection for shard ${shard} (is the client logged in?)`);
    return gateway;
  }

  private interaction(
    type: 2 | 3 | 4,
    data: Record<string, unknown>,
    user: InteractionUser,
    extra: Record<string, unknown> = {},
  ): string {
    const guildId = user.dm ? null : user.guild === undefined ? GUILD_ID : user.guild;
    const gateway = this.deliver ? undefined : this.socketOf(guildId);
    const id = this.snowflake();
    const userId = user.id ?? '900000000000000100';
    this.users.set(id, userObject(userId));
    const channelId = guildId === null ? DM_CHANNEL_ID : (CHANNEL_OF[guildId] ?? CHANNEL_ID);
    const where =
      guildId === null
        ? {
            channel_id: channelId,
            channel: { id: channelId, type: 1, recipients: [userObject(userId)] },
            user: userObject(userId),
            authorizing_integration_owners: { '1': userId },
            context: 1,
          }
        : {
            guild_id: guildId,
            channel_id: channelId,
            channel: { id: channelId, type: 0, guild_id: guildId, name: 'general' },
            member: {
              user: userObject(userId),
              roles: user.roles ?? [],
              permissions: user.permissions ?? PERMISSIONS.none,
              joined_at: '2025-01-01T00:00:00.000Z',
              deaf: false,
              mute: false,
              flags: 0,
            },
            guild_locale: 'en-US',
            authorizing_integration_owners: { '0': guildId },
            context: 0,
          };
    const payload = {
      ...extra,
      id,
      application_id: APPLICATION_ID,
      type,
      token: `token-${id}`,
      version: 1,
      ...where,
      app_permissions: '0',
      locale: 'en-US',
      entitlements: [],
      attachment_size_limit: 10_485_760,
      data,
    };
    if (gateway) this.dispatch(gateway, 'INTERACTION_CREATE', payload);
    else this.deliver?.(payload);
    return id;
  }

  private dispatch(gateway: { socket: WebSocket; sequence: number }, event: string, data: unknown): void {
    gateway.sequence += 1;
    gateway.socket.send(JSON.stringify({ op: 0, t: event, s: gateway.sequence, d: data }));
  }

  private onConnection(socket: WebSocket): void {
    this.sockets.add(socket);
    socket.on('close', () => this.sockets.delete(socket));
    socket.send(JSON.stringify({ op: 10, d: { heartbeat_interval: 41_250 } }));
    socket.on('message', (raw) => {
      const payload = JSON.parse(String(raw)) as { op: number; d: { shard?: [number, number] } };
      if (payload.op === 1) socket.send(JSON.stringify({ op: 11 }));
      if (payload.op === 2) {
        this.identifies.push(payload.d);
        if (this.faults.identifyCloseCode !== undefined) {
          socket.close(this.faults.identifyCloseCode, 'refused by the fake');
          return;
        }
        const [shard, count] = payload.d.shard ?? [0, 1];
        const gateway = { socket, count, sequence: 0 };
        this.gateways.set(shard, gateway);
        this.ready(gateway, shard, count);
        this.notify();
      }
    });
  }

  /** READY, then a GUILD_CREATE for each guild on this shard. */
  private ready(gateway: { socket: WebSocket; sequence: number }, shard: number, count: number): void {
    const guilds = GUILD_IDS.filter((id) => Number((BigInt(id) >> 22n) % BigInt(count)) === shard);
    this.dispatch(gateway, 'READY', {
      v: 10,
      user: { id: APPLICATION_ID, username: 'storybot', discriminator: '0', bot: true, avatar: null },
      guilds: guilds.map((id) => ({ id, unavailable: true })),
      session_id: `fake-session-${shard}`,
      resume_gateway_url: this.origin.replace('http', 'ws'),
      application: { id: APPLICATION_ID, flags: 0 },
      shard: [shard, count],
    });
    for (const id of guilds) this.dispatch(gateway, 'GUILD_CREATE', guildCreate(id));
  }

  private message(body: Record<string, unknown>): FakeMessage {
    return {
      id: this.snowflake(),
      type: 20,
      channel_id: CHANNEL_ID,
      author: { id: APPLICATION_ID, username: 'storybot', discriminator: '0', bot: true, avatar: null },
      content: '',
      embeds: [],
      attachments: [],
      mentions: [],
      mention_roles: [],
      mention_everyone: false,
      pinned: false,
      tts: false,
      timestamp: new Date().toISOString(),
      edited_timestamp: null,
      components: [],
      flags: 0,
      webhook_id: APPLICATION_ID,
      application_id: APPLICATION_ID,
      ...body,
    };
  }

  private record(interactionId: string, reply: Reply): void {
    const list = this.replies.get(interactionId) ?? [];
    list.push(reply);
    this.replies.set(interactionId, list);
  }

  /** Keeps a message an interaction's response made, with the interaction it answers (as Discord does). */
  private store(interactionId: string, message: FakeMessage, callbackType: number): void {
    message.interaction_metadata = {
      id: interactionId,
      type: this.pressedMessage.has(interactionId) ? 3 : 2,
      user: this.users.get(interactionId),
      authorizing_integration_owners: { '0': GUILD_ID },
    };
    // A deferral's message is the one its edit fills in; its flags (ephemeral) come from the deferral.
    if (callbackType === 5) message.content = '';
    this.messages.set(message.id, message);
    this.messagesOf.set(interactionId, [...(this.messagesOf.get(interactionId) ?? []), message.id]);
  }

  private update(messageId: string | undefined, data: Record<string, unknown>): FakeMessage | undefined {
    const message = messageId ? this.messages.get(messageId) : undefined;
    if (!message) return undefined;
    const { flags: _flags, allowed_mentions: _mentions, ...changes } = data;
    Object.assign(message, changes, { edited_timestamp: new Date().toISOString() });
    return message;
  }

  /** An interaction's initial response: POSTed to its callback route, or an HTTP endpoint's response. */
  callback(interactionId: string, { type, data }: { type: number; data?: Record<string, unknown> }): void {
    this.record(interactionId, { type, data: data ?? {}, via: 'callback' });
    if (type === 4 || type === 5) this.store(interactionId, this.message({ ...(data ?? {}) }), type);
    if (type === 7) this.update(this.pressedMessage.get(interactionId), data ?? {});
    this.notify();
  }

  /** Interactions are identified by their token (`token-<id>`) in webhook routes. */
  private interactionOfToken(token: string): string {
    return token.replace(/^token-/, '');
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', this.origin);
    const path = decodeURIComponent(url.pathname);
    const raw = await readBody(req);
    const isJson = (req.headers['content-type'] ?? '').includes('application/json');
    const body =
      isJson && raw.length > 0 ? (JSON.parse(raw.toString('utf8')) as unknown) : raw.toString('utf8');
    this.requests.push({ method: req.method ?? 'GET', path, query: url.searchParams, body });
    try {
      if (!this.fault(req, path, res)) this.route(req.method ?? 'GET', path, body, res);
    } finally {
      this.notify();
    }
  }

  /** Answers with the configured fault, if one applies; true when it did. */
  private fault(req: IncomingMessage, path: string, res: ServerResponse): boolean {
    const { acceptedToken, rateLimit } = this.faults;
    if (
      acceptedToken !== undefined &&
      path.startsWith('/api/') &&
      req.headers.authorization !== `Bot ${acceptedToken}`
    ) {
      sendJson(res, 401, { message: '401: Unauthorized', code: 0 });
      return true;
    }
    if (rateLimit?.path.test(path)) {
      if (rateLimit.times !== undefined && --rateLimit.times <= 0) delete this.faults.rateLimit;
      res.writeHead(429, {
        'content-type': 'application/json',
        'retry-after': String(rateLimit.retryAfterSeconds),
      });
      res.end(
        JSON.stringify({
          message: 'You are being rate limited.',
          retry_after: rateLimit.bodyRetryAfterSeconds ?? rateLimit.retryAfterSeconds,
          global: false,
        }),
      );
      return true;
    }
    const location = this.redirects.get(path);
    if (location) {
      res.writeHead(302, { location }).end();
      return true;
    }
    const stream = this.streams.get(path);
    if (stream) {
      this.stream(path, stream, res);
      return true;
    }
    return false;
  }

  /** Writes a large body chunk by chunk, as fast as the reader takes it, until done or the reader leaves. */
  private stream(
    path: string,
    stream: { chunk: Uint8Array; total: number; contentType: string },
    res: ServerResponse,
  ): void {
    res.writeHead(200, { 'content-type': stream.contentType });
    let sent = 0;
    const write = () => {
      while (sent < stream.total && !res.destroyed) {
        sent += stream.chunk.length;
        this.streamedBytes.set(path, sent);
        if (!res.write(stream.chunk)) {
          res.once('drain', write);
          return;
        }
      }
      res.end();
    };
    write();
  }

  private route(method: string, path: string, body: unknown, res: ServerResponse): void {
    const file = this.files.get(path);
    if (method === 'GET' && file) {
      res.writeHead(200, { 'content-type': file.contentType }).end(file.bytes);
      return;
    }
    if (method === 'GET' && path === '/api/v10/gateway/bot') {
      sendJson(res, 200, {
        url: this.origin.replace('http', 'ws'),
        shards: this.recommendedShards,
        // Every shard in its own identify bucket: discord.js then identifies them all at once, not 5 s apart.
        session_start_limit: { total: 1000, remaining: 999, reset_after: 14_400_000, max_concurrency: 16 },
      });
      return;
    }
    let match = /^\/api\/v10\/interactions\/(\d+)\/([^/]+)\/callback$/.exec(path);
    if (method === 'POST' && match) {
      this.callback(match[1] as string, body as { type: number; data?: Record<string, unknown> });
      sendJson(res, 204);
      return;
    }
    match = /^\/api\/v10\/webhooks\/(\d+)\/([^/]+)\/messages\/@original$/.exec(path);
    if (method === 'PATCH' && match) {
      const data = body as Record<string, unknown>;
      const interactionId = this.interactionOfToken(match[2] as string);
      this.record(interactionId, { type: 0, data, via: 'edit' });
      const original = this.messagesOf.get(interactionId)?.[0];
      const edited = this.update(original, data) ?? this.message(data);
      sendJson(res, 200, edited);
      return;
    }
    if (method === 'DELETE' && match) {
      this.record(this.interactionOfToken(match[2] as string), { type: 0, data: {}, via: 'delete' });
      sendJson(res, 204);
      return;
    }
    match = /^\/api\/v10\/webhooks\/(\d+)\/([^/]+)$/.exec(path);
    if (method === 'POST' && match) {
      const data = body as Record<string, unknown>;
      const interactionId = this.interactionOfToken(match[2] as string);
      this.record(interactionId, { type: 0, data, via: 'followup' });
      const message = this.message(data);
      this.store(interactionId, message, 0);
      sendJson(res, 200, message);
      return;
    }
    match = /^\/api\/v10\/applications\/(\d+)(?:\/guilds\/(\d+))?\/commands$/.exec(path);
    if (method === 'PUT' && match) {
      const commands = body as Record<string, unknown>[];
      sendJson(
        res,
        200,
        commands.map((command) => ({
          ...command,
          id: this.snowflake(),
          application_id: match?.[1],
          version: '1',
        })),
      );
      return;
    }
    sendJson(res, 404, { message: 'Unknown route (fake Discord)', code: 0 });
  }
}

/** A guild as the gateway announces it, with the test roles and one text channel. */
function guildCreate(guildId: string): Record<string, unknown> {
  const role = (id: string, name: string, permissions: string) => ({
    id,
    name,
    permissions,
    color: 0,
    hoist: false,
    position: 0,
    managed: false,
    mentionable: false,
    flags: 0,
  });
  return {
    id: guildId,
    name: guildId === GUILD_ID ? 'Test guild' : 'Other guild',
    owner_id: '900000000000000099',
    unavailable: false,
    member_count: 3,
    roles: [
      role(guildId, '@everyone', PERMISSIONS.none),
      role(MODERATOR_ROLE_ID, 'Moderators', PERMISSIONS.none),
      role(OTHER_ROLE_ID, 'Readers', PERMISSIONS.none),
    ],
    channels: [
      {
        id: CHANNEL_OF[guildId] ?? CHANNEL_ID,
        type: 0,
        name: 'general',
        position: 0,
        permission_overwrites: [],
      },
    ],
    members: [],
    emojis: [],
    stickers: [],
    features: [],
    threads: [],
    presences: [],
    voice_states: [],
    stage_instances: [],
    guild_scheduled_events: [],
    soundboard_sounds: [],
    joined_at: '2025-01-01T00:00:00.000Z',
    large: false,
    premium_tier: 0,
    preferred_locale: 'en-US',
  };
}
