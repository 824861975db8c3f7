/**
 * What can stop the bot talking to Discord, in words an operator can act on: why a log-in failed, which
 * gateway close codes end the session for good, and what the REST client does when rate limited.
 */
import type { RateLimitData } from 'discord.js';
import type { Logger } from './log.ts';

/**
 * Gateway close codes after which discord.js does not reconnect (its UNRECOVERABLE_CLOSE_CODES), each with
 * what to do about it. https://discord.com/developers/docs/topics/opcodes-and-status-codes#gateway
 */
export const FATAL_CLOSE_CAUSES: Readonly<Record<number, string>> = {
  4004: 'Discord refused the token (close code 4004): DISCORD_TOKEN is wrong or was reset',
  4010: 'Discord refused the shard settings (close code 4010)',
  4011: 'Discord requires sharding for this bot (close code 4011)',
  4012: 'Discord refused the gateway API version (close code 4012)',
  4013: 'Discord refused the gateway intents as invalid (close code 4013)',
  4014:
    'Discord refused a privileged gateway intent that is not enabled for this bot (close code 4014): ' +
    'enable it in the Developer Portal (Bot > Privileged Gateway Intents) or stop asking for it',
};

/**
 * How long an interaction callback may wait out a rate limit: Discord wants it within 3 s of the interaction,
 * and an answer is ready or deferred within 1 s (DEFER_AFTER_MS), leaving 1.5 s to wait and 0.5 s to spare.
 * A `Retry-After: 1` is 1,050 ms to discord.js (its offset added): waited out, not dropped.
 */
export const CALLBACK_RATE_LIMIT_WAIT_MAX_MS = 1_500;
const CALLBACK_ROUTE = '/interactions/:id/:token/callback';

/**
 * The exit status of a bot process Discord refused for good (the token refused, a gateway closed with one of
 * FATAL_CLOSE_CAUSES): starting it again cannot help and burns the daily identify budget, so `start:sharded`
 * stops rather than respawn it, and a supervisor can be told the same (systemd: RestartPreventExitStatus=78).
 * 78 is sysexits.h's EX_CONFIG. Other failures (network, time-out) exit 1: a restart may help them.
 */
export const REFUSED_EXIT_CODE = 78;

/** An error that stops the log-in, with its cause already in words. */
export class LoginError extends Error {
  override name = 'LoginError';
}

/** The gateway closed with a code discord.js never reconnects after (FATAL_CLOSE_CAUSES). */
export class FatalCloseError extends LoginError {
  override name = 'FatalCloseError';
}

/** Whether a failed log-in is one Discord will refuse again (REFUSED_EXIT_CODE): a fatal close, a refused token. */
export function isRefusedForGood(error: unknown): boolean {
  for (let at = error, depth = 0; at && typeof at === 'object' && depth < 5; depth++) {
    if (at instanceof FatalCloseError) return true;
    at = (at as { cause?: unknown }).cause;
  }
  return errorCodes(error).includes('TokenInvalid');
}

/** Every error code in an error, its causes and (for AggregateError) its parts. */
function errorCodes(error: unknown, depth = 0): string[] {
  if (!error || typeof error !== 'object' || depth > 5) return [];
  const { code, cause, errors } = error as { code?: unknown; cause?: unknown; errors?: unknown };
  return [
    ...(typeof code === 'string' ? [code] : []),
    ...errorCodes(cause, depth + 1),
    ...(Array.isArray(errors) ? errors.flatMap((part) => errorCodes(part, depth + 1)) : []),
  ];
}

/** Why a log-in failed, in one sentence; `apiUrl` is DISCORD_API_URL (never the token). */
export function describeLoginFailure(error: unknown, apiUrl: string): string {
  if (error instanceof LoginError) return error.message;
  const codes = errorCodes(error);
  const host = new URL(apiUrl).host;
  if (codes.includes('TokenInvalid'))
    return 'Discord refused the token (HTTP 401): DISCORD_TOKEN is wrong or was reset';
  if (codes.includes('ENOTFOUND') || codes.includes('EAI_AGAIN'))
    return `the Discord API host ${host} could not be found (DNS lookup failed): check DISCORD_API_URL and the network`;
  if (codes.includes('ECONNREFUSED') || codes.includes('ECONNRESET') || codes.includes('EHOSTUNREACH'))
    return `the Discord API at ${host} cannot be reached (${codes.find((c) => c.startsWith('E'))}): check DISCORD_API_URL and the network`;
  if (error instanceof Error && error.name === 'AbortError')
    return `the Discord API at ${host} did not answer (request timed out)`;
  const status = (error as { status?: unknown }).status;
  if (typeof status === 'number') return `the Discord API at ${host} answered HTTP ${status}`;
  return `log-in failed: ${error instanceof Error ? error.message : String(error)}`;
}

/**
 * The REST client's `rejectOnRateLimit`: logs every rate limit, and gives up on an interaction callback
 * rather than wait past Discord's window for it (the reply would be refused anyway). Other requests wait
 * as discord.js decides: a follow-up or an edit stays valid for 15 minutes.
 */
export function rateLimitPolicy(log: Logger): (data: RateLimitData) => boolean {
  return (data) => {
    const giveUp = data.route === CALLBACK_ROUTE && data.retryAfter > CALLBACK_RATE_LIMIT_WAIT_MAX_MS;
    log.warn('rest.rate_limited', {
      method: data.method,
      route: data.route,
      retryAfterMs: data.retryAfter,
      global: data.global,
      scope: data.scope,
      action: giveUp ? 'gave up: past the 3 s window of an interaction reply' : 'waiting',
    });
    return giveUp;
  };
}
