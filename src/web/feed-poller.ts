/**
 * The clock behind feed following: every FEED_CHECK_INTERVAL_MS, each follower polls the feeds that are due
 * (each feed knows when it is due: FEED_POLL_MINUTES after a good poll, later after failures). The timer
 * never keeps the process alive, a check still running when the next one comes is not doubled, and one
 * follower that fails (a server whose state cannot be opened) never keeps the others from being polled.
 */
import type { FeedPollReport } from './feed-follower.ts';

/** How often due feeds are looked for; a feed's own interval (at least a minute) decides when it is read. */
export const FEED_CHECK_INTERVAL_MS = 60_000;

/** Something with feeds to poll: a FeedFollower, or a server's (`guild`: its id; null or absent: the base). */
export interface FeedPollTarget {
  readonly guild?: string | null;
  pollDue(): Promise<FeedPollReport[]>;
}

export interface FeedPolling {
  stop(): void;
}

/**
 * Starts polling the followers `followers()` returns (read on every check, so followers added later are
 * polled too); `onReport` hears every poll, `onError` anything unexpected, with the follower it came from.
 */
export function startFeedPolling(
  followers: () => Iterable<FeedPollTarget>,
  onReport: (report: FeedPollReport, guild: string | null) => void,
  onError: (error: unknown, guild: string | null) => void,
): FeedPolling {
  let running = false;
  const check = async () => {
    if (running) return;
    running = true;
    try {
      for (const follower of followers()) {
        const guild = follower.guild ?? null;
        try {
          for (const report of await follower.pollDue()) onReport(report, guild);
        } catch (error) {
          onError(error, guild);
        }
      }
    } finally {
      running = false;
    }
  };
  const timer = setInterval(() => void check(), FEED_CHECK_INTERVAL_MS);
  timer.unref();
  void check();
  return { stop: () => clearInterval(timer) };
}
