/**
 * Button custom ids: everything a button needs to act long after it was sent, after a restart too, within
 * Discord's 100 characters whatever the question's length.
 *
 *   sb1:<action>:<kind>:<kb version>:<offset>:=<query>   the query itself, when it fits
 *   sb1:<action>:<kind>:<kb version>:<offset>:#<hash>    a hash of a longer query, kept in a QueryCache
 *
 * A hashed query is only found while the bot that sent it still remembers it (QUERY_CACHE_TTL_MS); after
 * that the button says that the question must be asked again.
 */
import { createHash } from 'node:crypto';
import { COMMANDS, type Command } from '../engine/answer.ts';
import { CUSTOM_ID_MAX } from './limits.ts';

export const CUSTOM_ID_PREFIX = 'sb1';

export const ACTIONS = { more: 'm', share: 's', up: 'u', down: 'd' } as const;
export type Action = keyof typeof ACTIONS;

/** What a button pages or shares: an answer command, or the timeline. */
export type Pageable = Command | 'timeline';
const PAGEABLES: readonly string[] = [...COMMANDS, 'timeline'];

export interface ButtonState {
  action: Action;
  kind: Pageable;
  /** The knowledge-base version the message was made from. */
  version: string;
  /** The first result the message shows (0-based). */
  offset: number;
  /** The query as asked; undefined when only its hash is known and the cache has forgotten it. */
  query: string | undefined;
  /** The hash of a query too long to write into the id. */
  queryHash?: string;
}

/** How long a long query is remembered for its buttons; short queries are in the id and never forgotten. */
export const QUERY_CACHE_TTL_MS = 24 * 60 * 60 * 1000;
/** Long queries remembered at most (the oldest are forgotten first). */
export const QUERY_CACHE_MAX = 5_000;
/** Characters of a query hash: 96 bits of sha256, base64url. */
const HASH_CHARS = 16;

export function queryHash(kind: Pageable, query: string): string {
  return createHash('sha256').update(`${kind}\n${query}`).digest('base64url').slice(0, HASH_CHARS);
}

/** Long queries by hash, for a while: the short-lived memory behind `#<hash>` ids. */
export class QueryCache {
  readonly #entries = new Map<string, { query: string; at: number }>();
  readonly #now: () => number;

  constructor(now: () => number = Date.now) {
    this.#now = now;
  }

  remember(hash: string, query: string): void {
    this.#entries.delete(hash);
    this.#entries.set(hash, { query, at: this.#now() });
    for (const key of this.#entries.keys()) {
      if (this.#entries.size <= QUERY_CACHE_MAX) break;
      this.#entries.delete(key);
    }
  }

  recall(hash: string): string | undefined {
    const entry = this.#entries.get(hash);
    if (!entry) return undefined;
    if (this.#now() - entry.at > QUERY_CACHE_TTL_MS) {
      this.#entries.delete(hash);
      return undefined;
    }
    return entry.query;
  }
}

/** The custom id of a button; a query too long for the id is remembered in the cache under its hash. */
export function encodeCustomId(
  state: Omit<ButtonState, 'queryHash'> & { query: string },
  cache: QueryCache,
): string {
  const head = [
    CUSTOM_ID_PREFIX,
    ACTIONS[state.action],
    state.kind,
    state.version,
    String(state.offset),
  ].join(':');
  const inline = `${head}:=${state.query}`;
  if (inline.length <= CUSTOM_ID_MAX) return inline;
  const hash = queryHash(state.kind, state.query);
  cache.remember(hash, state.query);
  return `${head}:#${hash}`;
}

/** The button's state, or undefined when the id is not one of ours (or is malformed). */
export function decodeCustomId(customId: string, cache: QueryCache): ButtonState | undefined {
  const parts = customId.split(':');
  const [prefix, code, kind, version, offsetText] = parts;
  if (prefix !== CUSTOM_ID_PREFIX || parts.length < 6) return undefined;
  const action = (Object.keys(ACTIONS) as Action[]).find((name) => ACTIONS[name] === code);
  if (!action || kind === undefined || !PAGEABLES.includes(kind) || !/^\d{1,4}$/.test(offsetText ?? ''))
    return undefined;
  const rest = parts.slice(5).join(':');
  const state = { action, kind: kind as Pageable, version: version ?? '', offset: Number(offsetText) };
  if (rest.startsWith('=')) return { ...state, query: rest.slice(1) };
  if (rest.startsWith('#')) return { ...state, query: cache.recall(rest.slice(1)), queryHash: rest.slice(1) };
  return undefined;
}

/** Shared answers remembered at most, so that a second press of Share does not post again. */
const SHARED_MAX = 10_000;

/** What the buttons of this bot remember between presses (lost on restart, which the ids allow for). */
export class ButtonMemory {
  readonly queries: QueryCache;
  readonly #shared = new Set<string>();

  constructor(now: () => number = Date.now) {
    this.queries = new QueryCache(now);
  }

  /** Marks a private answer as shared; false when it already was. */
  markShared(messageId: string): boolean {
    if (this.#shared.has(messageId)) return false;
    this.#shared.add(messageId);
    if (this.#shared.size > SHARED_MAX) this.#shared.delete(this.#shared.values().next().value as string);
    return true;
  }

  forgetShared(messageId: string): void {
    this.#shared.delete(messageId);
  }

  wasShared(messageId: string): boolean {
    return this.#shared.has(messageId);
  }
}
