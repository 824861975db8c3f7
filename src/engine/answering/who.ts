/**
 * /who: who a person or organization is (a name: its description and mentions), or who did something (a
 * question: the name that answers it in the best sentences).
 */
import type { KbView, Sentence } from '../../index/kb-view.ts';
import { type Answer, type AnswerResult, SUMMARY_MAX_CHARS } from '../answer.ts';
import { cutAtWord } from '../text/cut.ts';
import { escapeRegExp } from '../text/terms.ts';
import type { Answerer, Question } from './answerer.ts';
import { citedResult, quotedWindow } from './cited-result.ts';
import { entityMentionResults } from './entity-mentions.ts';
import {
  describe,
  describeWithRoles,
  isRolePhrase,
  namesakes,
  resolveEntity,
  resolveRoleHolder,
} from './entity-resolution.ts';
import { WindowPicker } from './excerpt-windows.ts';
import { isShortEnoughForName, nameOfQuery } from './query.ts';
import { type QueryTerms, queryTerms, repeatsQuery } from './query-terms.ts';
import { rankSentences, type SentenceBonus } from './sentence-ranking.ts';
import { notFound } from './suggestions.ts';
import { type Actor, pickActor, WHO, whoQuestion } from './who-actor.ts';
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

/** "Who is Ada Brenner", "who is the chancellor": the entity (the role's holder), described, with its mentions. */
function answerName(kb: KbView, { unanswered, limit }: Question, name: string): Answer | null {
  const holder = isRolePhrase(name) ? resolveRoleHolder(kb, name) : -1;
  const id = holder >= 0 ? holder : resolveEntity(kb, name);
  if (id < 0) return null;
  const e = kb.entity(id);
  const where = e.mentions.length === 1 ? 'once' : `${e.mentions.length} times`;
  return {
    ...unanswered,
    found: true,
    summary: `${describeWithRoles(e)} (mentioned ${where})`,
    results: entityMentionResults(kb, id, limit),
    suggestions: namesakes(kb, name, id),
  };
}

/**
 * The summary of a "who did X" answer: the actor's name and role ("Ann Lee — Zeta chief economist"), nothing of
 * the phrase around it; names joined in one answer ("Ann Lee and Tom Hale") or a group named by common nouns
 * ("Velmar officials") as the highlight gives them.
 */
function actorSummary(kb: KbView, sentence: Sentence, actor: Actor | null, highlight: string): string {
  if (!actor || actor.entity < 0) return highlight;
  const named = new Set(
    kb
      .mentionsIn(sentence)
      .filter((m) => m.start >= actor.start && m.end <= actor.end)
      .map((m) => m.entity),
  );
  return named.size > 1 ? highlight : describe(kb.entity(actor.entity));
}

/** "Who designed the stadium": the name that answers, in each of the best sentences. */
function answerQuestion(kb: KbView, { unanswered, limit }: Question): Answer {
  const q = queryTerms(kb, unanswered.query);
  const ranked = rankSentences(kb, q, bonusFor(kb, q));
  if (!ranked[0]) return notFound(kb, unanswered, 'about');
  const results: AnswerResult[] = [];
  let summary = '';
  // "/who dismissed the proposal" asks what "who dismissed the proposal" does
  const asked = whoQuestion(
    /^\s*(?:who|whom)\b/i.test(unanswered.query) ? unanswered.query : `who ${unanswered.query}`,
    q,
  );
  const picker = new WindowPicker(kb);
  for (const r of ranked) {
    if (results.length >= limit) break;
    const window = picker.windowFor(r.sentence);
    if (!window) continue;
    const actor = pickActor(kb, window, r, asked);
    picker.take(quotedWindow(kb, r.sentence, actor, window));
    const result = citedResult(kb, r.sentence, actor, r.score, window);
    summary ||= actorSummary(kb, r.sentence, actor, result.highlight);
    results.push(result);
  }
  return { ...unanswered, found: true, summary: cutAtWord(summary, SUMMARY_MAX_CHARS), results };
}

/**
 * A name no entity has ("Questioner", every word capitalised): only results that use its words answer it, not a
 * person named near a word of the same family ("question").
 */
function withNameWords(kb: KbView, answer: Answer, name: string): Answer {
  const nameWords = name
    .split(' ')
    .map((w) => new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegExp(w)}(?![\\p{L}\\p{N}])`, 'iu'));
  const results = answer.results.filter((r) => nameWords.every((w) => w.test(r.excerpt)));
  if (results.length === answer.results.length) return answer;
  return results.length > 0 ? { ...answer, results } : notFound(kb, answer, 'about');
}

function answerWho(kb: KbView, question: Question): Answer {
  const name = nameOfQuery(question.query);
  const looksLikeName = isShortEnoughForName(name) && !/^(?:who|whom|which|what)\b/i.test(name);
  const named = looksLikeName && answerName(kb, question, name);
  if (named) return named;
  const answer = answerWhoSaid(kb, question) ?? answerQuestion(kb, question);
  const capitalised = looksLikeName && name.split(' ').every((w) => /^\p{Lu}/u.test(w));
  // "the governor" that no one named holds: the passages that use it, and a summary that says so
  if (looksLikeName && !capitalised && answer.found && isRolePhrase(name))
    return {
      ...answer,
      summary: cutAtWord(
        `No one named in the documents holds the role "${name}"; passages that mention it are cited.`,
        SUMMARY_MAX_CHARS,
      ),
    };
  return capitalised && answer.found ? withNameWords(kb, answer, name) : answer;
}

export const whoAnswerer: Answerer = { answer: answerWho };
