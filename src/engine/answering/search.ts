/** /search: the passages that best match the query's words, one result per paragraph. */
import type { KbView } from '../../index/kb-view.ts';
import type { Answer, AnswerResult } from '../answer.ts';
import type { Answerer, Question } from './answerer.ts';
import { citedResult } from './cited-result.ts';
import { resolveEntity } from './entity-resolution.ts';
import { answerWindow } from './excerpt-windows.ts';
import { nameOfQuery } from './query.ts';
import { queryTerms } from './query-terms.ts';
import { NO_BONUS, rankSentences } from './sentence-ranking.ts';
import { notFound } from './suggestions.ts';

function answerSearch(kb: KbView, { unanswered, limit }: Question): Answer {
  let ranked = rankSentences(kb, queryTerms(kb, unanswered.query), NO_BONUS);
  if (!ranked[0]) {
    // a misspelt name ("kenedy"): retry with the names it looks like
    const id = resolveEntity(kb, nameOfQuery(unanswered.query));
    if (id >= 0) ranked = rankSentences(kb, queryTerms(kb, kb.entity(id).name), NO_BONUS);
  }
  if (!ranked[0]) return notFound(kb, unanswered, 'matches');
  const results: AnswerResult[] = [];
  const usedParagraphs = new Set<number>();
  for (const r of ranked) {
    if (results.length >= limit) break;
    const sentence = r.sentence;
    if (usedParagraphs.has(sentence.paragraph)) continue;
    usedParagraphs.add(sentence.paragraph);
    results.push(citedResult(kb, sentence, sentence, r.score, answerWindow(kb, sentence)));
  }
  const [first] = results;
  const best = first ? `; best: ${first.citation.document} ¶${first.citation.paragraph}` : '';
  return {
    ...unanswered,
    found: true,
    summary: `${results.length} passage${results.length === 1 ? '' : 's'}${best}`,
    results,
  };
}

export const searchAnswerer: Answerer = { answer: answerSearch };
