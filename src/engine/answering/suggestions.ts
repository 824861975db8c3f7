/** "Did you mean": names that look like the words of a query that found nothing, and the not-found answer. */
import { aliasKey } from '../../index/kb-data.ts';
import type { KbView } from '../../index/kb-view.ts';
import { NAME_SEARCH } from '../../index/name-search.ts';
import { type Answer, DID_YOU_MEAN } from '../answer.ts';
import { QUESTION_WORDS, STOP_WORDS } from '../text/terms.ts';
import { nameOfQuery } from './query.ts';

export const SUGGESTIONS = {
  /** Most names suggested. */
  max: 3,
  /** Searches of the names index per query: the whole name, then its words one by one... */
  maxSearches: 4,
  /** ...those of at least this many letters. */
  minWordLength: 4,
  /** Names taken from each search. */
  perSearch: 5,
  /** A name that is neither a person nor an organization is suggested only when mentioned this often. */
  minMentionsOfOther: 2,
} as const;

/** Suggestions for a query that found nothing: names that look like its words. */
export function suggest(kb: KbView, query: string): string[] {
  const out: string[] = [];
  const content = aliasKey(nameOfQuery(query))
    .split(' ')
    .filter((w) => w && !STOP_WORDS.has(w) && !QUESTION_WORDS.has(w));
  if (content.length === 0) return out;
  const searches = [content.join(' '), ...content.filter((w) => w.length >= SUGGESTIONS.minWordLength)].slice(
    0,
    SUGGESTIONS.maxSearches,
  );
  for (const text of searches) {
    // Same as names.search(text, { ...NAME_SEARCH.suggest, combineWith: 'OR' }).slice(0, perSearch).
    for (const id of kb.topNames(text, NAME_SEARCH.suggest, SUGGESTIONS.perSearch)) {
      const e = kb.entity(id);
      if (e.kind === 'other' && e.mentions.length < SUGGESTIONS.minMentionsOfOther) continue;
      if (!out.includes(e.name)) out.push(e.name);
    }
    if (out.length >= SUGGESTIONS.max) break;
  }
  return out.slice(0, SUGGESTIONS.max);
}

/**
 * `what`: how the summary says what was looked for ("about", "matches", "quotes anyone on"); `subject`: what
 * was not found (the query by default).
 */
export function notFound(kb: KbView, unanswered: Answer, what: string, subject = unanswered.query): Answer {
  const suggestions = suggest(kb, unanswered.query);
  const hint = suggestions.length > 0 ? ` ${DID_YOU_MEAN} ${suggestions.join(', ')}?` : '';
  return {
    ...unanswered,
    found: false,
    summary: `Nothing in the knowledge base ${what} "${subject}".${hint}`,
    suggestions,
  };
}
