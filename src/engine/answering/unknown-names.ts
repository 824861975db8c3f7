/**
 * Names a query gives that the knowledge base never mentions: "when did Marlow meet Quint" cannot be answered
 * from documents that never name Marlow, however well "meet Quint" matches.
 */
import { aliasKey } from '../../index/kb-data.ts';
import type { KbView } from '../../index/kb-view.ts';
import { CALENDAR_WORDS } from '../extract/lexicon.ts';
import { foldCase, QUESTION_WORDS, STOP_WORDS, termOf, words } from '../text/terms.ts';
import { resolveEntity } from './entity-resolution.ts';

/**
 * A capitalised word one edit per this many letters (at least one) from a word the knowledge base uses is
 * that word misspelt ("Ghengis" for "Genghis"), not an unknown name.
 */
const LETTERS_PER_EDIT = 3;

/**
 * The capitalised words of the query that no document uses, in query order; words side by side make one name
 * ("Tom Vale"). The first word counts too ("Marlow meet Quint"): a first word capitalised only as the start of
 * a question is a question or stop word, or a word the documents use, and those are never unknown names.
 */
export function unknownNames(kb: KbView, query: string): string[] {
  const unknown: string[] = [];
  let previous = -2;
  for (const [i, w] of words(query).entries()) {
    if (!/^\p{Lu}/u.test(w.word)) continue;
    const folded = foldCase(w.word);
    // Capitalised calendar words are times, not names.
    if (STOP_WORDS.has(folded) || QUESTION_WORDS.has(folded) || CALENDAR_WORDS.has(folded)) continue;
    const term = termOf(w.word);
    if (!term || kb.usesTerm(term) || kb.titleUsesTerm(term) || kb.entitiesNamed(aliasKey(w.word)).length > 0)
      continue;
    const edits = Math.max(1, Math.floor(term.length / LETTERS_PER_EDIT));
    if (kb.closestTerm(term, edits) !== null || resolveEntity(kb, w.word) >= 0) continue;
    const last = unknown.length - 1;
    if (i === previous + 1 && last >= 0) unknown[last] = `${unknown[last]} ${w.word}`;
    else unknown.push(w.word);
    previous = i;
  }
  return [...new Set(unknown)];
}
