/**
 * /who: who a person or organization is (a name: its description and mentions), or who did something (a
 * question: the name that answers it in the best sentences).
 */
import type { KbView } from '../../index/kb-view.ts';
import { type Answer, type AnswerResult, SUMMARY_MAX_CHARS } from '../answer.ts';
import { cutAtWord } from '../text/cut.ts';
import type { Answerer, Question } from './answerer.ts';
import { citedResult, quotedWindow } from './cited-result.ts';
import { entityMentionResults } from './entity-mentions.ts';
import { describe, namesakes, resolveEntity } from './entity-resolution.ts';
import { WindowPicker } from './excerpt-windows.ts';
import { isShortEnoughForName, nameOfQuery } from './query.ts';
import { type QueryTerms, queryTerms, repeatsQuery } from './query-terms.ts';
import { rankSentences, type SentenceBonus } from './sentence-ranking.ts';
import { notFound } from './suggestions.ts';
import { pickActor, WHO, whoQuestion } from './who-actor.ts';
import { answerWhoSaid } from './who-said.ts';

function bonusFor(kb: KbView, q: QueryTerms): SentenceBonus {
  return (sentence) =>
    sentence.mentions.some((id) => {
      const m = kb.mention(id);
      return !repeatsQuery(kb, sentence, { start: m.nameStart, end: m.end }, q);
    })
      ? WHO.sentenceBonus
      : 0;
}

/** "Who is Ada Brenner": the entity, described, with its mentions. */
function answerName(kb: KbView, { unanswered, limit }: Question, name: string): Answer | null {
  const id = resolveEntity(kb, name);
  if (id < 0) return null;
  const e = kb.entity(id);
  const where = e.mentions.length === 1 ? 'once' : `${e.mentions.length} times`;
  return {
    ...unanswered,
    found: true,
    summary: `${describe(e)} (mentioned ${where})`,
    results: entityMentionResults(kb, id, limit),
    suggestions: namesakes(kb, name, id),
  };
}

/** "Who designed the stadium": the name that answers, in each of the best sentences. */
function answerQuestion(kb: KbView, { unanswered, limit }: Question): Answer {
  const q = queryTerms(kb, unanswered.query);
  const ranked = rankSentences(kb, q, bonusFor(kb, q));
  if (!ranked[0]) return notFound(kb, unanswered, 'about');
  const results: AnswerResult[] = [];
  let summary = '';
  const asked = whoQuestion(unanswered.query, q);
  const picker = new WindowPicker(kb);
  for (const r of ranked) {
    if (results.length >= limit) break;
    const window = picker.windowFor(r.sentence);
    if (!window) continue;
    const actor = pickActor(kb, window, r, asked);
    picker.take(quotedWindow(kb, r.sentence, actor, window));
    const result = citedResult(kb, r.sentence, actor, r.score, window);
    if (!summary) {
      const e = actor && actor.entity >= 0 ? kb.entity(actor.entity) : undefined;
      summary =
        e?.role && !result.highlight.includes(e.role) ? `${result.highlight} — ${e.role}` : result.highlight;
    }
    results.push(result);
  }
  return { ...unanswered, found: true, summary: cutAtWord(summary, SUMMARY_MAX_CHARS), results };
}

function answerWho(kb: KbView, question: Question): Answer {
  const name = nameOfQuery(question.query);
  const looksLikeName = isShortEnoughForName(name) && !/^(?:who|whom|which|what)\b/i.test(name);
  return (
    (looksLikeName && answerName(kb, question, name)) ||
    answerWhoSaid(kb, question) ||
    answerQuestion(kb, question)
  );
}

export const whoAnswerer: Answerer = { answer: answerWho };
