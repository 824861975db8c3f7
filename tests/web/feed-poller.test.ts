import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { FeedFollower, FeedPollReport } from '../../src/web/feed-follower.ts';
import { FEED_CHECK_INTERVAL_MS, startFeedPolling } from '../../src/web/feed-poller.ts';

const report: FeedPollReport = {
  url: 'https://feeds.example/rss',
  title: 'Example',
  status: 'polled',
  added: [],
  skipped: [],
  nextPollAt: '2025-01-01T00:15:00.000Z',
};

beforeEach(() => {
  vi.useFakeTimers();
});

afterEach(() => {
  vi.useRealTimers();
});

describe('startFeedPolling', () => {
  it('polls every follower though one of them fails, and says which failed', async () => {
    const failing = {
      guild: '100000000000000001',
      pollDue: async () => {
        throw new Error('cannot read its state');
      },
    };
    const working = { guild: '100000000000000002', pollDue: async () => [report] };
    const reports: [FeedPollReport, string | null][] = [];
    const errors: [unknown, string | null][] = [];
    const polling = startFeedPolling(
      () => [failing, working],
      (r, guild) => reports.push([r, guild]),
      (e, guild) => errors.push([e, guild]),
    );
    await vi.advanceTimersByTimeAsync(0);
    expect(errors).toEqual([[new Error('cannot read its state'), '100000000000000001']]);
    expect(reports).toEqual([[report, '100000000000000002']]);
    polling.stop();
  });

  it('checks at once and then every interval, hands on reports and errors, and stops', async () => {
    let calls = 0;
    const follower = {
      pollDue: async () => {
        calls++;
        if (calls === 2) throw new Error('disk full');
        return [report];
      },
    } as unknown as FeedFollower;
    const reports: FeedPollReport[] = [];
    const errors: unknown[] = [];
    const polling = startFeedPolling(
      () => [follower],
      (r) => reports.push(r),
      (e) => errors.push(e),
    );
    await vi.advanceTimersByTimeAsync(0);
    expect(calls).toBe(1);
    expect(reports).toEqual([report]);
    await vi.advanceTimersByTimeAsync(FEED_CHECK_INTERVAL_MS);
    expect(calls).toBe(2);
    expect(errors).toEqual([new Error('disk full')]);
    await vi.advanceTimersByTimeAsync(FEED_CHECK_INTERVAL_MS);
    expect(calls).toBe(3);
    polling.stop();
    await vi.advanceTimersByTimeAsync(FEED_CHECK_INTERVAL_MS * 5);
    expect(calls).toBe(3);
  });

  it('never runs two checks at once', async () => {
    let running = 0;
    let most = 0;
    let release: () => void = () => undefined;
    const follower = {
      pollDue: async () => {
        running++;
        most = Math.max(most, running);
        await new Promise<void>((resolve) => {
          release = resolve;
        });
        running--;
        return [];
      },
    } as unknown as FeedFollower;
    const polling = startFeedPolling(
      () => [follower],
      () => undefined,
      () => undefined,
    );
    await vi.advanceTimersByTimeAsync(FEED_CHECK_INTERVAL_MS * 3);
    expect(most).toBe(1);
    release();
    polling.stop();
  });
});
