/**
 * /quote: what someone said (a name: that person's quotations) or what was said about something (a topic:
 * the quotations whose sentences match it).
 */
import type { EntityData } from '../../index/kb-data.ts';
import type { KbView } from '../../index/kb-view.ts';
import { type Answer, type AnswerResult, SUMMARY_MAX_CHARS } from '../answer.ts';
import { cutAtWord } from '../text/cut.ts';
import { terms as textTerms } from '../text/terms.ts';
import type { Answerer, Question } from './answerer.ts';
import { citedResult } from './cited-result.ts';
import { entityMentionResults, MENTIONS_SCANNED } from './entity-mentions.ts';
import { describe, resolveEntity } from './entity-resolution.ts';
import { windowAround, windowAt } from './excerpt-windows.ts';
import { isShortEnoughForName, nameOfQuery } from './query.ts';
import { presence, type QueryTerms, queryTerms } from './query-terms.ts';
import { quotationsSaying } from './quote-phrase.ts';
import { type Report, reportResult, reportsBy, reportsOf, reportsOnTopic } from './reported.ts';
import { rankSentences, type SentenceBonus } from './sentence-ranking.ts';
import { notFound } from './suggestions.ts';

export const QUOTE = {
  /** Ranking bonus for a sentence that holds a quotation. */
  sentenceBonus: 0.25,
  /** Places (document ¶paragraph) named for someone mentioned but never quoted. */
  maxPlaces: 6,
  /** An excerpt shows at least this many characters of its quotation's opening. */
  openingChars: 80,
  /** A query of this many words that names someone never quoted finds the quotations that say it instead. */
  phraseOverNameWords: 4,
} as const;

/** Ranking bonus for a sentence that holds a quotation. */
export const quoteBonus: SentenceBonus = (sentence) => (sentence.quotes.length > 0 ? QUOTE.sentenceBonus : 0);

/** Someone who may be quoted: a person or organization, or a name that has quotations. */
const speakerLike = (e: EntityData) => e.kind !== 'other' || e.quotes.length > 0;

function quoteResult(kb: KbView, id: number, score: number): AnswerResult {
  const quotation = kb.quotation(id);
  const sentence = kb.sentence(quotation.sentence);
  // The excerpt starts at the quotation's sentence, or near the quotation when the sentence is too long to show
  // its opening words from its start; a quotation longer than the excerpt is cut with it.
  const atSentence = windowAt(kb, sentence);
  const window =
    quotation.start + QUOTE.openingChars <= atSentence.end
      ? atSentence
      : windowAround(kb, sentence, { start: quotation.start, end: quotation.start + QUOTE.openingChars });
  const highlight = { start: quotation.start, end: Math.min(quotation.end, window.end) };
  const result = citedResult(kb, sentence, highlight, score, window);
  const speaker = kb.speakerOf(quotation);
  if (speaker) result.speaker = speaker.name;
  result.kind = 'direct';
  return result;
}

const plural = (n: number, what: string) => `${n} ${what}${n === 1 ? '' : 's'}`;

/** "3 direct quotes and 2 reported statements from Ann Lee (minister)". */
function countsFrom(kb: KbView, id: number, direct: number, reported: number): string {
  const counts = [
    direct > 0 || reported === 0 ? plural(direct, 'direct quote') : '',
    reported > 0 ? plural(reported, 'reported statement') : '',
  ]
    .filter(Boolean)
    .join(' and ');
  return `${counts} from ${describe(kb.entity(id))}`;
}

/** Quotations that say the query's words, then those whose sentences match them. */
function quotesAbout(kb: KbView, { unanswered, limit }: Question): Answer {
  const q = queryTerms(kb, unanswered.query, false);
  const saying = quotationsSaying(kb, unanswered.query);
  const ranked = rankSentences(kb, q, quoteBonus).filter((r) => r.sentence.quotes.length > 0);
  const best = ranked[0];
  if (saying.length === 0 && (!best || best.matched.size === 0))
    return notFound(kb, unanswered, 'quotes anyone on');
  const results = saying.slice(0, limit).map((id) => quoteResult(kb, id, 1 + (best?.score ?? 0)));
  const shown = new Set(saying);
  for (const r of ranked) {
    if (results.length >= limit) break;
    const first = r.sentence.quotes[0];
    if (r.matched.size === 0 || first === undefined || shown.has(first)) continue;
    results.push(quoteResult(kb, first, r.score));
  }
  const first = results[0];
  return {
    ...unanswered,
    found: true,
    summary: first?.speaker
      ? `${first.speaker}: "${cutAtWord(first.highlight, SUMMARY_MAX_CHARS - `${first.speaker}: ""`.length)}"`
      : `Quotations about "${unanswered.query}"`,
    results,
  };
}

/** Someone mentioned but never quoted: where they are named, and their mentions. */
function neverQuoted(kb: KbView, { unanswered, limit }: Question, id: number): Answer {
  const e = kb.entity(id);
  const places: string[] = [];
  for (const mentionId of e.mentions.slice(0, MENTIONS_SCANNED)) {
    const sentence = kb.sentence(kb.mention(mentionId).sentence);
    const place = `${kb.documentOf(sentence).id} ¶${kb.paragraphOf(sentence).number}`;
    if (!places.includes(place)) places.push(place);
  }
  const more = places.length > QUOTE.maxPlaces ? ` and ${places.length - QUOTE.maxPlaces} more` : '';
  return {
    ...unanswered,
    found: false,
    summary: `No direct quotes from ${e.name}; mentioned in ${places.slice(0, QUOTE.maxPlaces).join(', ')}${more}.`,
    results: entityMentionResults(kb, id, limit),
  };
}

/** "what did Smith say about the memorandum", "quotes by Smith on the memorandum": a speaker and a topic. */
const SPEAKER_AND_TOPIC = [
  /^(?:what\s+(?:did|does|has|had)\s+)?(.+?)\s+(?:say|said|says|think|thinks|thought)\s+(?:about|on|of|regarding)\s+(.+?)[?.!]*$/i,
  /^quotes?\s+(?:by|from|of)\s+(.+?)\s+(?:about|on|regarding)\s+(.+?)[?.!]*$/i,
];

/** How much of the topic's weight (idf) a quotation's sentence holds: 0 to 1. */
function topicShare(kb: KbView, id: number, q: QueryTerms): number {
  const quotation = kb.quotation(id);
  const sentence = kb.sentence(quotation.sentence);
  const held = new Set([...textTerms(kb.text(sentence)), ...textTerms(kb.text(sentence, quotation))]);
  let matched = 0;
  for (const t of q.terms) matched += presence(q, held, t) * (q.idf.get(t) ?? 0);
  return q.total > 0 ? matched / q.total : 0;
}

/**
 * A speaker's quotations, then the statements the text reports of them: those about the topic first (most of it
 * first), else in document order. A source the knowledge base has no entity for ("Velmar officials", "analysts")
 * gets the statements reported of it.
 */
function answerSpeakerOnTopic(kb: KbView, question: Question): Answer | null {
  for (const pattern of SPEAKER_AND_TOPIC) {
    const [, name, topic] = pattern.exec(question.query) ?? [];
    if (!name || !topic || !isShortEnoughForName(name)) continue;
    const id = resolveEntity(kb, name, speakerLike);
    const direct = id >= 0 ? kb.entity(id).quotes : [];
    // (the statements of the sentences that best match the topic, so an entity named in thousands of sentences
    // costs no more than one named in a few; those of an entity named in few sentences are all read)
    const reports = id >= 0 ? reportsAbout(kb, id, topic) : [];
    if (direct.length === 0 && reports.length === 0) return reportedBy(kb, question, name, topic);
    const q = queryTerms(kb, topic, false);
    // most of the topic first, a direct quote before a reported statement that holds as much (the sort is stable):
    // then those about nothing of it, direct quotes first, each in document order
    const ranked = [
      ...direct.map((qid) => ({
        share: topicShare(kb, qid, q),
        result: (share: number) => quoteResult(kb, qid, share),
      })),
      ...reports.map((r) => ({
        share: reportShare(kb, r, q),
        result: (share: number) => reportResult(kb, r, share),
      })),
    ].sort((a, b) => b.share - a.share);
    const about = ranked.filter((r) => r.share > 0).length;
    const results = ranked.slice(0, question.limit).map((r) => r.result(r.share));
    const all = countsFrom(kb, id, direct.length, 0);
    const reported = reports.length > 0 ? ` (${plural(reports.length, 'reported statement')})` : '';
    return {
      ...question.unanswered,
      found: true,
      summary: cutAtWord(
        about > 0 ? `${all}; ${about} about "${topic}"${reported}` : `${all}; none about "${topic}"`,
        SUMMARY_MAX_CHARS,
      ),
      results: results.slice(0, question.limit),
    };
  }
  return null;
}

/** Mentions up to which all of an entity's reported statements are read for a topic, not only the best matches. */
const FEW_MENTIONS = 50;

/** An entity's reported statements for a topic, each sentence once. */
function reportsAbout(kb: KbView, id: number, topic: string): Report[] {
  const topical = reportsOnTopic(kb, id, topic);
  if (kb.entity(id).mentions.length > FEW_MENTIONS) return topical;
  const all = reportsOf(kb, id, Number.POSITIVE_INFINITY);
  const seen = new Set(all.map((r) => r.sentence.id));
  return [...all, ...topical.filter((r) => !seen.has(r.sentence.id))];
}

/** How much of the topic's weight (idf) a reported statement's sentence holds: 0 to 1. */
function reportShare(kb: KbView, report: Report, q: QueryTerms): number {
  const held = new Set(textTerms(kb.text(report.sentence)));
  let matched = 0;
  for (const t of q.terms) matched += presence(q, held, t) * (q.idf.get(t) ?? 0);
  return q.total > 0 ? matched / q.total : 0;
}

/** Statements reported of a source named in words ("analysts"), on a topic (may be empty); null for none. */
function reportedBy(
  kb: KbView,
  { unanswered, limit }: Question,
  source: string,
  topic: string,
): Answer | null {
  const found = reportsBy(kb, source, topic);
  if (found.length === 0) return null;
  return {
    ...unanswered,
    found: true,
    summary: cutAtWord(
      `${found.length} statement${found.length === 1 ? '' : 's'} reported of ${source}${topic ? ` about "${topic}"` : ''}`,
      SUMMARY_MAX_CHARS,
    ),
    results: found.slice(0, limit).map((f) => reportResult(kb, f.report, f.score)),
  };
}

/** "what did analysts say", "what have officials said": a source named in words, with no topic. */
const WHAT_DID_SAY = /^what\s+(?:did|do|does|has|have|had)\s+(.+?)\s+(?:say|said|says)[?.!]*$/i;

function answerQuote(kb: KbView, question: Question): Answer {
  const onTopic = answerSpeakerOnTopic(kb, question);
  if (onTopic) return onTopic;
  const name = nameOfQuery(question.query);
  const short = isShortEnoughForName(name);
  // A name as written first; then the quotations' topic; a misspelt name only when no topic matches.
  let id = short ? resolveEntity(kb, name, speakerLike, true) : -1;
  const source = WHAT_DID_SAY.exec(question.query)?.[1];
  if (id < 0 && source) {
    const reported = reportedBy(kb, question, source, '');
    if (reported) return reported;
  }
  if (id < 0) {
    const topic = quotesAbout(kb, question);
    if (topic.found || !short) return topic;
    id = resolveEntity(kb, name, speakerLike);
    if (id < 0) return topic;
  }
  const e = kb.entity(id);
  // (read only as far as the direct quotes leave room for them: a much-quoted name costs no more than before)
  const room = question.limit - e.quotes.length;
  const reports = room > 0 ? reportsOf(kb, id, room) : [];
  if (e.quotes.length === 0 && reports.length === 0) {
    // ('quote the quiet harbour crisis' beside a headline naming "Quiet Harbour Crisis"): words
    // longer than a name that a quotation says are that quotation's
    const saying = question.query.split(/\s+/).length >= QUOTE.phraseOverNameWords;
    return saying && quotationsSaying(kb, question.query).length > 0
      ? quotesAbout(kb, question)
      : neverQuoted(kb, question, id);
  }
  const total = e.quotes.length + reports.length;
  return {
    ...question.unanswered,
    found: true,
    // (statements are read only up to the room left: when it is filled, there may be more than were counted)
    summary:
      reports.length < room
        ? countsFrom(kb, id, e.quotes.length, reports.length)
        : e.quotes.length === 0
          ? `Statements the text reports of ${describe(e)} (no direct quotes)`
          : `${countsFrom(kb, id, e.quotes.length, 0)}, then statements the text reports`,
    // a person's direct quotes first, then the statements the text reports of them
    results: [
      ...e.quotes.slice(0, question.limit).map((qid, i) => quoteResult(kb, qid, total - i)),
      ...reports.slice(0, question.limit).map((r, i) => reportResult(kb, r, reports.length - i)),
    ].slice(0, question.limit),
  };
}

export const quoteAnswerer: Answerer = { answer: answerQuote };
