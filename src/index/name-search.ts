/**
 * How the names index (kb-data.ts: one entry per entity, its name and aliases) is searched. Three uses, three
 * settings, different on purpose: each trades recall for precision where its use needs it. They are the
 * settings the answers and completions were tuned with (`npm run eval -- --squad ../shared/eval` and the story
 * set); a change here changes which person a query is taken to mean.
 */
import type { SearchOptions } from 'minisearch';
import type { ExpandedSearchOptions } from './top-matches.ts';

/** A query word of this many letters or more also matches names that start with it. */
const PREFIX_MIN_LENGTH = 4;

export const NAME_SEARCH = {
  /**
   * Taking a query's name for one entity (`/who`, `/quote`, a misspelt name in `/search`). Every word must
   * match (AND); one edit per four letters, at most three; prefixes only for words of four letters or more
   * ("Ed" must not become "Edwards"). Strict, because the answer is then about that one entity; what misses
   * is offered as a suggestion instead.
   */
  resolve: {
    fuzzy: 0.25,
    prefix: (term: string) => term.length >= PREFIX_MIN_LENGTH,
    combineWith: 'AND',
    maxFuzzy: 3,
  } satisfies SearchOptions,
  /**
   * "Did you mean" after nothing was found: loose on purpose, any word may match (OR), one edit per three
   * letters, prefixes of any length: a suggestion costs the asker nothing when it is wrong.
   */
  suggest: { fuzzy: 0.34, prefix: true, maxFuzzy: 3 } satisfies ExpandedSearchOptions,
  /**
   * Autocomplete while typing: the input is a prefix, so every word must match (AND) as a prefix; at most two
   * edits, since it runs on every keystroke (a wider fuzzy look-up walks more of the term tree).
   */
  complete: { prefix: true, fuzzy: 0.25, maxFuzzy: 2, combineWith: 'AND' } satisfies SearchOptions,
} as const;
