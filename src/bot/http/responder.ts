/**
 * The gateway bot, fed from HTTP requests: each request's interaction goes through discord.js's own
 * InteractionCreate action into the bot's client (never logged in), so exactly the handler, commands and
 * buttons of the gateway bot answer it. What discord.js would POST to the interaction's callback route — the
 * initial response — becomes the HTTP response instead; edits and follow-ups go to the interaction's webhook as
 * they do from the gateway.
 *
 * Discord waits 3 s for the HTTP response. Commands that can take long defer as they do from the gateway; should
 * anything else still be working after DEFER_AFTER_MS, the HTTP response defers for it (privately for a command,
 * a silent update for a button; an autocomplete gets no choices), and its answer, when it comes, edits the
 * deferred reply or follows up through the webhook.
 */
import {
  type Client,
  InteractionResponseType,
  InteractionType,
  MessageFlags,
  type RequestData,
  type RouteLike,
  Routes,
} from 'discord.js';
import type { Logger } from '../log.ts';
import { NO_MENTIONS } from '../respond.ts';

/** When the handler has not answered by then, the HTTP response defers (Discord allows 3 s). */
export const DEFER_AFTER_MS = 2500;

export const NOT_ANSWERED =
  'This bot answers slash commands, the "Search the knowledge base" message command and its buttons; not this.';

/** The fields of an interaction payload the responder reads (the rest goes to discord.js as it is). */
export interface InteractionPayload {
  id: string;
  type: number;
  token: string;
  application_id: string;
  data?: { type?: number; component_type?: number };
}

interface CallbackBody {
  type: InteractionResponseType;
  data?: Record<string, unknown>;
}

type Kind = 'command' | 'component' | 'autocomplete';

/** What the handler answers, as the gateway bot does: slash and message commands, buttons, autocomplete. */
function kindOf(payload: InteractionPayload): Kind | undefined {
  const { type, data } = payload;
  if (type === InteractionType.ApplicationCommand && (data?.type === 1 || data?.type === 3)) return 'command';
  if (type === InteractionType.MessageComponent && data?.component_type === 2) return 'component';
  if (type === InteractionType.ApplicationCommandAutocomplete) return 'autocomplete';
  return undefined;
}

/** The response that acknowledges an interaction still being worked on. */
function deferral(kind: Kind): CallbackBody {
  if (kind === 'autocomplete')
    return { type: InteractionResponseType.ApplicationCommandAutocompleteResult, data: { choices: [] } };
  if (kind === 'component') return { type: InteractionResponseType.DeferredMessageUpdate };
  return {
    type: InteractionResponseType.DeferredChannelMessageWithSource,
    data: { flags: MessageFlags.Ephemeral },
  };
}

interface Pending {
  payload: InteractionPayload;
  kind: Kind;
  /** Answered: the HTTP response is sent; deferred: it was a deferral, and answers go to the webhook. */
  state: 'waiting' | 'answered' | 'deferred';
  respond: (body: CallbackBody) => void;
}

export class InteractionResponder {
  readonly #client: Client;
  readonly #log: Logger;
  readonly #deferAfterMs: number;
  /** Interactions whose initial response is still to come, by their callback route. */
  readonly #pending = new Map<string, Pending>();
  readonly #post: (route: RouteLike, options?: RequestData) => Promise<unknown>;

  constructor(client: Client, log: Logger, deferAfterMs = DEFER_AFTER_MS) {
    this.#client = client;
    this.#log = log;
    this.#deferAfterMs = deferAfterMs;
    const rest = client.rest;
    this.#post = rest.post.bind(rest);
    rest.post = (route, options) => {
      const pending = this.#pending.get(route);
      return pending ? this.#initial(pending, options?.body as CallbackBody) : this.#post(route, options);
    };
  }

  /** The HTTP response to an interaction (PING excepted): the handler's initial response, or a deferral. */
  answer(payload: InteractionPayload): Promise<CallbackBody> {
    const kind = kindOf(payload);
    if (!kind)
      return Promise.resolve({
        type: InteractionResponseType.ChannelMessageWithSource,
        data: { content: NOT_ANSWERED, flags: MessageFlags.Ephemeral, allowed_mentions: NO_MENTIONS },
      });
    const route = Routes.interactionCallback(payload.id, payload.token);
    return new Promise<CallbackBody>((resolve) => {
      const pending: Pending = { payload, kind, state: 'waiting', respond: resolve };
      const timer = setTimeout(() => {
        if (pending.state !== 'waiting') return;
        pending.state = 'deferred';
        this.#log.info('http.deferred', { interaction: payload.id, kind, afterMs: this.#deferAfterMs });
        resolve(deferral(kind));
      }, this.#deferAfterMs);
      pending.respond = (body) => {
        clearTimeout(timer);
        resolve(body);
      };
      this.#pending.set(route, pending);
      try {
        const actions = (
          this.#client as unknown as { actions: { InteractionCreate: { handle(d: unknown): void } } }
        ).actions;
        actions.InteractionCreate.handle(payload);
      } catch (error) {
        this.#pending.delete(route);
        clearTimeout(timer);
        throw error;
      }
    }).finally(() => {
      // Once deferred, a late initial response still comes through the route: keep it until the handler is done.
      const entry = this.#pending.get(route);
      if (entry?.state === 'answered') this.#pending.delete(route);
      else if (entry) setTimeout(() => this.#pending.delete(route), 15 * 60_000).unref();
    });
  }

  /** The handler's initial response: the HTTP response, or, after a deferral, an edit or a follow-up. */
  async #initial(pending: Pending, body: CallbackBody): Promise<undefined> {
    if (pending.state === 'waiting') {
      pending.state = 'answered';
      pending.respond(body);
      return undefined;
    }
    const { application_id: app, token, id } = pending.payload;
    this.#pending.delete(Routes.interactionCallback(id, token));
    const data = body.data ?? {};
    const edits =
      (pending.kind === 'command' && body.type === InteractionResponseType.ChannelMessageWithSource) ||
      (pending.kind === 'component' && body.type === InteractionResponseType.UpdateMessage);
    if (edits) {
      const { flags: _flags, ...message } = data;
      await this.#client.rest.patch(Routes.webhookMessage(app, token, '@original'), {
        body: message,
        auth: false,
      });
    } else if (body.type === InteractionResponseType.ChannelMessageWithSource)
      await this.#client.rest.post(Routes.webhook(app, token), { body: data, auth: false });
    else if (!isDeferral(body.type))
      this.#log.warn('http.late_response_dropped', { interaction: id, responseType: body.type });
    return undefined;
  }
}

function isDeferral(type: InteractionResponseType): boolean {
  return (
    type === InteractionResponseType.DeferredChannelMessageWithSource ||
    type === InteractionResponseType.DeferredMessageUpdate
  );
}
