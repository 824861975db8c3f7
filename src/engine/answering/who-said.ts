/**
 * "who said the talks would resume": the speaker of the quotation that says it. Only a quotation whose own
 * words hold most of the question's counts; otherwise /who answers the question as any other.
 */
import type { KbView, Quotation, Sentence } from '../../index/kb-view.ts';
import { type Answer, type AnswerResult, SUMMARY_MAX_CHARS } from '../answer.ts';
import { cutAtWord } from '../text/cut.ts';
import { terms as textTerms } from '../text/terms.ts';
import type { Question } from './answerer.ts';
import { citedResult } from './cited-result.ts';
import { describe } from './entity-resolution.ts';
import { windowAt } from './excerpt-windows.ts';
import { presence, type QueryTerms, queryTerms } from './query-terms.ts';
import { quoteBonus } from './quote.ts';
import { rankSentences } from './sentence-ranking.ts';

/** "who said ...", "who says that ...", "who stated ...": what follows is what was said. */
const WHO_SAID = /^\s*who\s+(?:said|says|stated)\s+(?:that\s+)?(.+)$/i;

/** Share of the question's weight (idf) the quotation's own words must hold to be the one asked about. */
const MIN_QUOTE_COVERAGE = 0.5;

function quoteCoverage(kb: KbView, sentence: Sentence, quotation: Quotation, q: QueryTerms): number {
  const held = new Set(textTerms(kb.text(sentence, quotation)));
  let matched = 0;
  for (const t of q.terms) matched += presence(q, held, t) * (q.idf.get(t) ?? 0);
  return matched / q.total;
}

/** The quotation's result, its speaker's mention highlighted when the sentence names them. */
function speakerResult(kb: KbView, sentence: Sentence, quotation: Quotation, score: number): AnswerResult {
  const mention = kb.mentionsIn(sentence).find((m) => m.entity === quotation.speaker);
  const window = windowAt(kb, sentence);
  const highlight = mention ?? { start: quotation.start, end: Math.min(quotation.end, window.end) };
  const result = citedResult(kb, sentence, highlight, score, window);
  const speaker = kb.speakerOf(quotation);
  if (speaker) result.speaker = speaker.name;
  result.kind = 'direct';
  return result;
}

/** The answer to "who said X", or null when the query does not ask that or no quotation says X. */
export function answerWhoSaid(kb: KbView, { unanswered, limit }: Question): Answer | null {
  const said = WHO_SAID.exec(unanswered.query)?.[1];
  if (!said) return null;
  const q = queryTerms(kb, said, false);
  const results: AnswerResult[] = [];
  let first: Quotation | undefined;
  let firstSentence: Sentence | undefined;
  for (const r of rankSentences(kb, q, quoteBonus)) {
    if (results.length >= limit) break;
    for (const id of r.sentence.quotes) {
      const quotation = kb.quotation(id);
      if (quotation.speaker < 0 || quoteCoverage(kb, r.sentence, quotation, q) < MIN_QUOTE_COVERAGE) continue;
      results.push(speakerResult(kb, r.sentence, quotation, r.score));
      first ??= quotation;
      firstSentence ??= r.sentence;
      break;
    }
  }
  if (!first || !firstSentence) return null;
  const speaker = kb.entity(first.speaker);
  const words = kb.text(firstSentence, first).replace(/^["“]|["”]$/g, '');
  const lead = `${describe(speaker)}: ""`;
  const summary = `${describe(speaker)}: "${cutAtWord(words, SUMMARY_MAX_CHARS - lead.length)}"`;
  return { ...unanswered, found: true, summary: cutAtWord(summary, SUMMARY_MAX_CHARS), results };
}
