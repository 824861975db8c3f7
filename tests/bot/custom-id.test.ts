/** Button custom ids: round trips, the 100-character cap whatever the query, and ids that are not ours. */
import { describe, expect, it } from 'vitest';
import { decodeCustomId, encodeCustomId, QUERY_CACHE_TTL_MS, QueryCache } from '../../src/bot/custom-id.ts';
import { CUSTOM_ID_MAX } from '../../src/bot/limits.ts';

const base = { action: 'more', kind: 'search', version: '0123456789ab', offset: 3 } as const;

describe('custom ids', () => {
  it('carries a short query itself, so that it outlives the bot', () => {
    const id = encodeCustomId({ ...base, query: 'harbour: bridge' }, new QueryCache());
    expect(id).toBe('sb1:m:search:0123456789ab:3:=harbour: bridge');
    expect(decodeCustomId(id, new QueryCache())).toEqual({ ...base, query: 'harbour: bridge' });
  });

  it('carries a hash of a long query within 100 characters, found while the cache remembers it', () => {
    let now = 0;
    const cache = new QueryCache(() => now);
    const query = 'x'.repeat(500);
    const id = encodeCustomId({ ...base, query }, cache);
    expect(id.length).toBeLessThanOrEqual(CUSTOM_ID_MAX);
    expect(decodeCustomId(id, cache)?.query).toBe(query);
    expect(decodeCustomId(id, new QueryCache())?.query).toBeUndefined();
    now = QUERY_CACHE_TTL_MS + 1;
    expect(decodeCustomId(id, cache)?.query).toBeUndefined();
  });

  it('fits 100 characters for every action and kind, whatever the query', () => {
    const cache = new QueryCache();
    for (const action of ['more', 'share', 'up', 'down'] as const)
      for (const kind of ['who', 'when', 'quote', 'search', 'timeline'] as const)
        for (const length of [0, 1, 50, 60, 70, 99, 100, 500]) {
          const query = 'é'.repeat(length);
          const id = encodeCustomId({ action, kind, version: 'ffffffffffff', offset: 9999, query }, cache);
          expect(id.length).toBeLessThanOrEqual(CUSTOM_ID_MAX);
          expect(decodeCustomId(id, cache)).toMatchObject({ action, kind, offset: 9999, query });
        }
  });

  it('does not take ids that are not ours, or are malformed', () => {
    const cache = new QueryCache();
    for (const id of [
      '',
      'other:m:search:v:0:=q',
      'sb1:x:search:v:0:=q',
      'sb1:m:dance:v:0:=q',
      'sb1:m:search:v:-1:=q',
      'sb1:m:search:v:0:q',
    ])
      expect(decodeCustomId(id, cache)).toBeUndefined();
  });
});
