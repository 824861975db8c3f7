/**
 * The four commands over built knowledge-base data. Every answer cites exact text: an excerpt is a window of
 * the document body starting at the best sentence, and the highlight is a substring of it.
 */

import {
  aliasKey,
  type EntityData,
  type KbData,
  type MentionData,
  type ParagraphData,
  type SentenceData,
  type StoredDocument,
  type TimeData,
} from '../index/kb-data.ts';
import { closestIndexTerm, topMatches, topSearchMatches } from '../index/top-matches.ts';
import {
  type Answer,
  type AnswerResult,
  type Command,
  DEFAULT_LIMIT,
  DID_YOU_MEAN,
  EXCERPT_MAX_CHARS,
  QUERY_MAX_CHARS,
  SUMMARY_MAX_CHARS,
} from './answer.ts';
import { cutAtWord } from './text/cut.ts';
import { derivedTerms } from './text/derivations.ts';
import { ordinalTwin } from './text/ordinals.ts';
import { type TaggedWord, tagWords } from './text/pos.ts';
import { foldCase, QUESTION_WORDS, STOP_WORDS, termOf, terms as textTerms, words } from './text/terms.ts';

/** How many passages the index hands to sentence ranking. */
const CANDIDATE_PASSAGES = 12;
/** At most this many query terms (the rarest) reach the index: long queries stay fast. */
const MAX_QUERY_TERMS = 12;
/** Share of the query's weight (idf) a passage must match to count as relevant... */
const MIN_COVERAGE = 0.5;
/** ...or this share when it matches at least two of the query's words. */
const MIN_COVERAGE_SEVERAL = 0.25;
const MAX_LIMIT = 25;
/** A sentence's score: its own match, plus this much of its passage's (normalised) index score. */
const PASSAGE_WEIGHT = 0.5;
/** Weight of query word pairs found side by side, relative to single words. */
const PHRASE_WEIGHT = 0.5;
/** Long sentences match more words by chance: a mild length normalisation (BM25's b, on sentences). */
const LENGTH_B = 0.15;
/** How much rarity among the candidate sentences adds to a word's weight. */
const LOCAL_GAMMA = 0.3;
/** Bonus for a sentence that holds the kind of thing asked for. */
const WHEN_BONUS = 0.25;
const WHO_BONUS = 0.15;
const QUOTE_BONUS = 0.25;
/** Bonus for a candidate on the side of the question's words where the answer stands (subject/object). */
const SIDE_BONUS = 0.4;
/** Bonus for a name whose role is what the question asks about ("Who is the mayor" -> "Mayor Ed Lee"). */
const ROLE_BONUS = 1;
/** How many top sentences are re-ranked by their best answer candidate, and how much that counts. */
const RERANK_TOP = 6;
const CANDIDATE_WEIGHT = 0.4;
/** Bonus for a name that fills the answer's slot in the sentence (subject, object or agent). */
const SLOT_BONUS = 0.5;
/** A word of the query's word's family ("invasion" for "invade") counts this much of the word itself. */
const DERIVED_WEIGHT = 0.5;

interface RankedSentence {
  s: number;
  score: number;
  matched: Set<string>;
  coverage: number;
}

interface Window {
  start: number;
  end: number;
  sentences: number[];
}

export function answerQuery(data: KbData, command: Command, rawQuery: string, limitOption?: number): Answer {
  const query = String(rawQuery ?? '')
    .slice(0, QUERY_MAX_CHARS * 2)
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, QUERY_MAX_CHARS);
  const limit = Math.max(1, Math.min(MAX_LIMIT, Math.floor(Number(limitOption) || DEFAULT_LIMIT)));
  const base: Answer = { command, query, found: false, summary: '', results: [], suggestions: [] };
  if (!/[\p{L}\p{N}]/u.test(query)) {
    return { ...base, summary: 'Ask about a name, an event or a topic: the query has no words to look for.' };
  }
  switch (command) {
    case 'who':
      return answerWho(data, base, limit);
    case 'when':
      return answerWhen(data, base, limit);
    case 'quote':
      return answerQuote(data, base, limit);
    default:
      return answerSearch(data, base, limit);
  }
}

// ---------------------------------------------------------------- text helpers

function docOf(data: KbData, s: SentenceData): StoredDocument {
  return data.documents[s.d] as StoredDocument;
}

function sentenceText(data: KbData, s: number): string {
  const sent = data.sentences[s] as SentenceData;
  return docOf(data, sent).body.slice(sent.start, sent.end);
}

/** The sentence opens by pointing back ("He died in 1227."): its antecedent is in the sentence before. */
function pointsBack(data: KbData, s: number): boolean {
  const sent = data.sentences[s] as SentenceData;
  const prev = data.sentences[s - 1];
  return (
    !!prev &&
    prev.p === sent.p &&
    ANAPHORIC_START.test(docOf(data, sent).body.slice(sent.start, sent.start + 12))
  );
}

/**
 * The window for a ranked sentence: a sentence that opens by pointing back starts the excerpt one sentence
 * earlier, where the antecedent is, when both fit.
 */
function answerWindow(data: KbData, s: number): Window {
  const sent = data.sentences[s] as SentenceData;
  const prev = data.sentences[s - 1];
  let win =
    prev && pointsBack(data, s) && sent.end - prev.start <= EXCERPT_MAX_CHARS
      ? windowAt(data, s - 1)
      : windowAt(data, s);
  // Room left at the end of the paragraph goes to the sentences before: more of the context, same bound.
  for (let k = (win.sentences[0] as number) - 1; k >= 0; k--) {
    const before = data.sentences[k] as SentenceData;
    if (before.p !== sent.p || win.end - before.start > EXCERPT_MAX_CHARS) break;
    win = { start: before.start, end: win.end, sentences: [k, ...win.sentences] };
  }
  // Room still left goes to the start of the next sentence, cut after a whole word: the answer to a
  // question often follows the sentence that shares its words.
  const next = data.sentences[(win.sentences[win.sentences.length - 1] as number) + 1];
  if (next && next.p === sent.p) {
    const body = docOf(data, sent).body;
    let end = body.lastIndexOf(' ', win.start + EXCERPT_MAX_CHARS);
    while (end > next.start && /[\s,;:([{"“'‘]/.test(body[end - 1] as string)) end--;
    if (end > next.start) win = { ...win, end };
  }
  return win;
}

/**
 * The ranked sentences, best first, each with its excerpt window, leaving out a sentence that an earlier
 * window already shows (no two results quote the same words); at most `limit` of them.
 */
function distinctWindows(
  data: KbData,
  ranked: RankedSentence[],
  limit: number,
): { r: RankedSentence; win: Window }[] {
  const picked: { r: RankedSentence; win: Window }[] = [];
  const shown = new Set<number>();
  for (const r of ranked) {
    if (picked.length >= limit) break;
    if (shown.has(r.s)) continue;
    const win = answerWindow(data, r.s);
    for (const s of win.sentences) shown.add(s);
    picked.push({ r, win });
  }
  return picked;
}

const ANAPHORIC_START =
  /^(?:he|she|it|they|this|these|those|that|his|her|its|their|there|then|such|both|the latter|the former)\b/i;

/** The excerpt: the sentence and the ones after it in its paragraph, as many as fit. */
function windowAt(data: KbData, s: number): Window {
  const sent = data.sentences[s] as SentenceData;
  const para = data.paragraphs[sent.p];
  const lastInParagraph = para ? para.first + para.count - 1 : s;
  let end = Math.min(sent.end, sent.start + EXCERPT_MAX_CHARS);
  if (end < sent.end) {
    const body = docOf(data, sent).body;
    const cut = body.lastIndexOf(' ', end);
    if (cut > sent.start + EXCERPT_MAX_CHARS / 2) end = cut;
    while (end > sent.start && /[\s,;:]/.test(body[end - 1] as string)) end--;
  }
  const sentences = [s];
  for (let k = s + 1; k <= lastInParagraph; k++) {
    const next = data.sentences[k] as SentenceData;
    if (next.end - sent.start > EXCERPT_MAX_CHARS) break;
    end = next.end;
    sentences.push(k);
  }
  return { start: sent.start, end, sentences };
}

/**
 * One cited result. `focus` is the sentence that answers (highlighted when nothing narrower is given); the
 * citation names the sentence where the excerpt starts.
 */
function result(
  data: KbData,
  focus: number,
  highlight: { start: number; end: number } | null,
  score: number,
  win: Window = windowAt(data, focus),
): AnswerResult {
  const focusSentence = data.sentences[focus] as SentenceData;
  const outside = highlight && (highlight.start < win.start || highlight.end > win.end);
  if (
    outside &&
    highlight.start >= focusSentence.start &&
    highlight.end <= focusSentence.end &&
    highlight.end - highlight.start <= EXCERPT_MAX_CHARS
  )
    win = windowAround(data, focus, highlight);
  const sent = data.sentences[win.sentences[0] ?? focus] as SentenceData;
  const doc = docOf(data, sent);
  const excerpt = doc.body.slice(win.start, win.end);
  let hl = highlight && highlight.start >= win.start && highlight.end <= win.end ? highlight : null;
  if (!hl) hl = { start: focusSentence.start, end: Math.min(focusSentence.end, win.end) };
  const para = data.paragraphs[sent.p];
  const citation: AnswerResult['citation'] = {
    document: doc.id,
    title: doc.title,
    paragraph: para?.index ?? 1,
    sentence: sent.n,
  };
  if (doc.source) citation.source = doc.source;
  const last = data.sentences[win.sentences[win.sentences.length - 1] ?? focus] as SentenceData;
  const answer: AnswerResult = {
    excerpt,
    highlight: doc.body.slice(hl.start, hl.end),
    citation,
    score: Math.round(score * 1000) / 1000,
  };
  if (win.end !== last.end) answer.truncated = true;
  if (win.start !== sent.start) answer.truncatedStart = true;
  return answer;
}

/** Characters of a long sentence shown before an answer that lies past the excerpt's bound. */
const CONTEXT_BEFORE = 150;

/**
 * A window inside sentence `s` that shows `span` when the sentence is too long to show it from its start
 * ("... the 600th character of a list names Ada Brenner ..."): it starts and ends at a word, within the bound.
 */
function windowAround(data: KbData, s: number, span: { start: number; end: number }): Window {
  const sent = data.sentences[s] as SentenceData;
  const body = docOf(data, sent).body;
  let start = Math.max(sent.start, span.start - CONTEXT_BEFORE, span.end - EXCERPT_MAX_CHARS);
  if (start > sent.start) {
    const space = body.indexOf(' ', start);
    if (space >= 0 && space < span.start) start = space + 1;
  }
  let end = Math.min(sent.end, start + EXCERPT_MAX_CHARS);
  if (end < sent.end) {
    const space = body.lastIndexOf(' ', end);
    if (space >= span.end) end = space;
    while (end > span.end && /[\s,;:]/.test(body[end - 1] as string)) end--;
  }
  return { start, end, sentences: [s] };
}

// ---------------------------------------------------------------- query understanding

/** The name part of a query: "who is Anne Martin?" -> "Anne Martin", "quotes by Martin" -> "Martin". */
export function nameOfQuery(query: string): string {
  return query
    .replace(/[?!.]+$/, '')
    .replace(/^(?:(?:who|what)\s+)?(?:is|was|are|were)\s+/i, '')
    .replace(/^(?:tell me about|quotes?\s+(?:by|from|of)|what\s+did|what\s+does|did|does)\s+/i, '')
    .replace(/\s+(?:say|said|says|quotes?)$/i, '')
    .trim();
}

function idfOf(data: KbData, term: string): number {
  const n = data.paragraphs.length;
  const df = data.df.get(term);
  // A word the knowledge base never uses weighs like one it uses once: "president of France" is not
  // about a president the story names, but a misspelling alone does not sink a long question.
  if (df === undefined) return Math.log(1 + (n - 0.5) / 1.5);
  return Math.log(1 + (n - df + 0.5) / (df + 0.5));
}

/** Query terms this long that the knowledge base never uses are taken as misspellings of one it does. */
const MIN_CORRECTED_LENGTH = 5;

/**
 * "develped" -> "develop", "celeron" -> "celoron": the known term one edit away (two cost more at 100k passages
 * and found nothing more on the SQuAD set), else the term itself.
 */
function knownSpelling(data: KbData, term: string): string {
  if (data.df.has(term) || term.length < MIN_CORRECTED_LENGTH || /\d/.test(term)) return term;
  return closestIndexTerm(data.index, term, 1) ?? term;
}

interface QueryTerms {
  /** The question asks "how long". */
  howLong: boolean;
  terms: string[];
  /** The query's terms in the order they are written (for phrase matches). */
  ordered: string[];
  idf: Map<string, number>;
  total: number;
  /**
   * Per term, other terms the knowledge base uses that stand for it, with how much they count: the same
   * ordinal written the other way ("5th" / "fifth", 1), words of its family ("invad" -> "invas", DERIVED_WEIGHT).
   */
  alternates: Map<string, { term: string; weight: number }[]>;
}

/** How far a sentence's or passage's terms hold a query term: 1 itself, else its best alternate's weight. */
function presence(q: QueryTerms, terms: Set<string>, t: string): number {
  if (terms.has(t)) return 1;
  let best = 0;
  for (const a of q.alternates.get(t) ?? []) if (a.weight > best && terms.has(a.term)) best = a.weight;
  return best;
}

function alternatesOf(data: KbData, t: string): { term: string; weight: number }[] {
  const twin = ordinalTwin(t);
  return [
    ...(twin ? [{ term: twin, weight: 1 }] : []),
    ...derivedTerms(t).map((term) => ({ term, weight: DERIVED_WEIGHT })),
  ].filter((a) => data.df.has(a.term));
}

/**
 * `correct`: take unknown words as misspellings of known ones when the query has other words too (not for a
 * quote topic, which may be a name).
 */
function queryTerms(data: KbData, text: string, correct = true): QueryTerms {
  const raw: string[] = [];
  for (const w of words(text)) {
    if (QUESTION_WORDS.has(foldCase(w.word))) continue;
    const t = termOf(w.word);
    if (t) raw.push(t);
  }
  // A lone unknown word is not stretched to a known one: that would answer "Who is X" about someone else.
  const fix = correct && new Set(raw).size >= 2;
  const ordered = fix ? raw.map((t) => knownSpelling(data, t)) : raw;
  const unique = new Set(ordered);
  const idf = new Map<string, number>();
  for (const t of unique) idf.set(t, idfOf(data, t));
  const terms = [...unique].sort((a, b) => (idf.get(b) ?? 0) - (idf.get(a) ?? 0)).slice(0, MAX_QUERY_TERMS);
  const total = terms.reduce((sum, t) => sum + (idf.get(t) ?? 0), 0);
  const alternates = new Map(terms.map((t) => [t, alternatesOf(data, t)]));
  return { howLong: /\bhow\s+long\b/i.test(text), terms, ordered, idf, total, alternates };
}

type Want = 'who' | 'when' | 'quote' | 'search';

/**
 * Passages from the index, then their sentences ranked by their own match plus half their passage's, with a
 * bonus for sentences that hold what the command asks for (a time for when, a name for who).
 */
function rankSentences(data: KbData, q: QueryTerms, want: Want, restrictTo?: Set<number>): RankedSentence[] {
  if (q.terms.length === 0 || q.total <= 0) return [];
  // Same passages, scores and order as index.search(terms, OR).slice(0, CANDIDATE_PASSAGES), much faster.
  const hits = topMatches(data.index, q.terms, CANDIDATE_PASSAGES);
  if (hits.length === 0) return [];
  const top = hits[0]?.score ?? 1;
  interface Candidate {
    s: number;
    terms: Set<string>;
    sequence: string[];
    passage: number;
    relevant: boolean;
    coverage: number;
  }
  const candidates: Candidate[] = [];
  for (const hit of hits) {
    const para = data.paragraphs[hit.id as number];
    if (!para) continue;
    const paraTerms = new Set<string>();
    const first = candidates.length;
    // A document's title words: every passage is about its document's topic even where the text does not
    // repeat it ("Super Bowl 50" in an article of that title), so they count as present in every sentence.
    const titleTerms = textTerms((data.documents[para.d] as StoredDocument).title);
    for (let s = para.first; s < para.first + para.count; s++) {
      if (restrictTo && !restrictTo.has(s)) continue;
      const sequence = textTerms(sentenceText(data, s));
      const terms = new Set([...sequence, ...titleTerms]);
      for (const t of terms) paraTerms.add(t);
      candidates.push({ s, terms, sequence, passage: hit.score / top, relevant: false, coverage: 0 });
    }
    let paraMatched = 0;
    let paraMatchedCount = 0;
    for (const t of q.terms) {
      const held = presence(q, paraTerms, t);
      if (held > 0) {
        paraMatched += held * (q.idf.get(t) ?? 0);
        paraMatchedCount++;
      }
    }
    const coverage = paraMatched / q.total;
    const relevant = coverage >= MIN_COVERAGE || (paraMatchedCount >= 2 && coverage >= MIN_COVERAGE_SEVERAL);
    for (let k = first; k < candidates.length; k++) {
      (candidates[k] as Candidate).relevant = relevant;
      (candidates[k] as Candidate).coverage = coverage;
    }
  }
  // Among the candidate sentences, a query word they all share tells them apart less than a rare one.
  const localDf = new Map<string, number>();
  for (const c of candidates)
    for (const t of q.terms) if (c.terms.has(t)) localDf.set(t, (localDf.get(t) ?? 0) + 1);
  const weight = new Map<string, number>();
  for (const t of q.terms)
    weight.set(
      t,
      (q.idf.get(t) ?? 0) *
        (1 + LOCAL_GAMMA * Math.log((candidates.length + 1) / ((localDf.get(t) ?? 0) + 1))),
    );
  const weightTotal = q.terms.reduce((sum, t) => sum + (weight.get(t) ?? 0), 0) || 1;
  const ranked: RankedSentence[] = [];
  for (const c of candidates) {
    if (!c.relevant) continue;
    let own = 0;
    for (const t of q.terms) own += presence(q, c.terms, t) * (weight.get(t) ?? 0);
    own += PHRASE_WEIGHT * phraseWeight(q, c.sequence) * (weightTotal / q.total);
    const lengthFactor = Math.max(0.5, 1 + LENGTH_B * (c.sequence.length / 12 - 1));
    let score = own / weightTotal / lengthFactor + PASSAGE_WEIGHT * c.passage;
    const sent = data.sentences[c.s] as SentenceData;
    // a duration answers "how long", not "when"
    if (want === 'when' && sent.t.some((t) => q.howLong || (data.times[t] as TimeData).kind !== 'duration'))
      score += WHEN_BONUS;
    if (want === 'who' && hasCandidateName(data, c.s, q)) score += WHO_BONUS;
    if (want === 'quote' && sent.q.length > 0) score += QUOTE_BONUS;
    const matched = new Set(q.terms.filter((t) => c.terms.has(t)));
    ranked.push({ s: c.s, score, matched, coverage: c.coverage });
  }
  ranked.sort((a, b) => b.score - a.score || a.s - b.s);
  return ranked;
}

/** Weight of the query's word pairs that the sentence also has side by side ("sideline commentator"). */
function phraseWeight(q: QueryTerms, sequence: string[]): number {
  if (q.ordered.length < 2) return 0;
  const pairs = new Set<string>();
  for (let i = 1; i < sequence.length; i++) pairs.add(`${sequence[i - 1]} ${sequence[i]}`);
  let weight = 0;
  for (let i = 1; i < q.ordered.length; i++) {
    const a = q.ordered[i - 1] as string;
    const b = q.ordered[i] as string;
    if (pairs.has(`${a} ${b}`)) weight += Math.min(q.idf.get(a) ?? 0, q.idf.get(b) ?? 0);
  }
  return weight;
}

function nameTermsOverlap(data: KbData, start: number, end: number, s: number, q: QueryTerms): boolean {
  const sent = data.sentences[s] as SentenceData;
  const text = docOf(data, sent).body.slice(start, end);
  return words(text).some((w) => {
    const t = termOf(w.word);
    return t !== null && q.terms.includes(t);
  });
}

function hasCandidateName(data: KbData, s: number, q: QueryTerms): boolean {
  const sent = data.sentences[s] as SentenceData;
  return sent.m.some((id) => {
    const m = data.mentions[id];
    return m !== undefined && !nameTermsOverlap(data, m.ns, m.end, s, q);
  });
}

// ---------------------------------------------------------------- entities

function resolveEntity(
  data: KbData,
  text: string,
  filter?: (e: EntityData) => boolean,
  exactOnly = false,
): number {
  const key = aliasKey(text);
  if (!key || key.split(' ').length > 6) return -1;
  const ok = (id: number) => {
    const e = data.entities[id] as EntityData;
    return !filter || filter(e);
  };
  const exact = (data.aliases.get(key) ?? []).filter(ok);
  // of several people with that name, the one mentioned most (the first on a tie)
  if (exact.length > 0)
    return exact.reduce((best, id) =>
      (data.entities[id] as EntityData).mentions.length > (data.entities[best] as EntityData).mentions.length
        ? id
        : best,
    );
  if (exactOnly) return -1;
  const queryWords = key.split(' ');
  const hits = data.names.search(key, {
    fuzzy: 0.25,
    prefix: (t) => t.length >= 4,
    combineWith: 'AND',
    maxFuzzy: 3,
  });
  // Of the names that match every word, the one whose words are written most like the query's ("Luther" ->
  // Martin Luther King, not Lutheran), then the one whose name is ("kenedy" -> Kennedy, not Kenny).
  let best = -1;
  let bestWords: number[] = [];
  let bestWordSum = Number.POSITIVE_INFINITY;
  let bestWhole = Number.POSITIVE_INFINITY;
  for (const h of hits.slice(0, 10)) {
    const id = h.id as number;
    if (!ok(id) || h.queryTerms.length < queryWords.length) continue;
    const e = data.entities[id] as EntityData;
    const nearest = nearestWordDistances(queryWords, e);
    const wordSum = nearest.reduce((sum, d) => sum + d, 0);
    let whole = Number.POSITIVE_INFINITY;
    for (const alias of [e.name, ...e.aliases]) whole = Math.min(whole, editDistance(key, aliasKey(alias)));
    const better =
      wordSum < bestWordSum ||
      (wordSum === bestWordSum && whole < bestWhole) ||
      (wordSum === bestWordSum &&
        whole === bestWhole &&
        e.mentions.length > (data.entities[best] as EntityData).mentions.length);
    if (better) {
      best = id;
      bestWords = nearest;
      bestWordSum = wordSum;
      bestWhole = whole;
    }
  }
  // Every word of the query is a near spelling of a word of the name ("jon smyth", "kenedy"), not another
  // word that starts the same ("Luther" is not "Lutheran"): those are left to the suggestions.
  const spelledLike = queryWords.every(
    (w, i) =>
      (bestWords[i] ?? Number.POSITIVE_INFINITY) <= Math.max(1, Math.floor(w.length / MAX_MISSPELT_SHARE)),
  );
  return best >= 0 && spelledLike ? best : -1;
}

/** For each query word, the edit distance to the nearest word of the entity's name and aliases. */
function nearestWordDistances(queryWords: string[], e: EntityData): number[] {
  const nameWords = new Set([e.name, ...e.aliases].flatMap((alias) => aliasKey(alias).split(' ')));
  return queryWords.map((w) => {
    let nearest = Number.POSITIVE_INFINITY;
    for (const n of nameWords) nearest = Math.min(nearest, editDistance(w, n));
    return nearest;
  });
}

/** How many people of the same name an answer points to besides the one it is about. */
const MAX_NAMESAKES = 3;

/**
 * Other people and organizations the name stands for exactly ("Newton": Isaac Newton and Cam Newton), the
 * most mentioned first.
 */
function namesakes(data: KbData, name: string, chosen: number): string[] {
  const names = (data.aliases.get(aliasKey(name)) ?? [])
    .filter((id) => id !== chosen && (data.entities[id] as EntityData).kind !== 'other')
    .map((id) => data.entities[id] as EntityData)
    .sort((a, b) => b.mentions.length - a.mentions.length)
    .map((e) => e.name);
  return [...new Set(names)].slice(0, MAX_NAMESAKES);
}

/** A name given in a query may be misspelt by one edit per this many characters (at least one edit). */
const MAX_MISSPELT_SHARE = 4;

/** Levenshtein distance (names are short). */
function editDistance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 8) return Math.abs(a.length - b.length);
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++)
      cur[j] = Math.min(
        (prev[j] as number) + 1,
        (cur[j - 1] as number) + 1,
        (prev[j - 1] as number) + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
    prev = cur;
  }
  return prev[b.length] as number;
}

function describe(e: EntityData): string {
  return e.role ? `${e.name} — ${e.role}` : e.name;
}

/** Suggestions for a query that found nothing: names that look like its words. */
function suggest(data: KbData, query: string): string[] {
  const out: string[] = [];
  const content = aliasKey(nameOfQuery(query))
    .split(' ')
    .filter((w) => w && !STOP_WORDS.has(w) && !QUESTION_WORDS.has(w));
  if (content.length === 0) return out;
  const tries = [content.join(' '), ...content.filter((w) => w.length >= 4)].slice(0, 4);
  for (const t of tries) {
    // Same as data.names.search(t, { fuzzy: 0.34, prefix: true, combineWith: 'OR', maxFuzzy: 3 }).slice(0, 5).
    for (const h of topSearchMatches(data.names, t, { fuzzy: 0.34, prefix: true, maxFuzzy: 3 }, 5)) {
      const e = data.entities[h.id as number] as EntityData;
      if (e.kind === 'other' && e.mentions.length < 2) continue;
      if (!out.includes(e.name)) out.push(e.name);
    }
    if (out.length >= 3) break;
  }
  return out.slice(0, 3);
}

function notFound(data: KbData, base: Answer, what: string): Answer {
  const suggestions = suggest(data, base.query);
  const hint = suggestions.length > 0 ? ` ${DID_YOU_MEAN} ${suggestions.join(', ')}?` : '';
  return {
    ...base,
    found: false,
    summary: `Nothing in the knowledge base ${what} "${base.query}".${hint}`,
    suggestions,
  };
}

/** How many of an entity's mentions are looked through for the one that gives its role. */
const ROLE_SCAN = 200;

/**
 * Mentions of an entity, one per sentence, in document order, the one that gives its role first. Bounded work
 * however often the entity is mentioned.
 */
function entityMentionResults(data: KbData, id: number, limit: number): AnswerResult[] {
  const e = data.entities[id] as EntityData;
  const mentionAt = (k: number) => data.mentions[e.mentions[k] as number] as MentionData;
  const givesRole = (m: MentionData) =>
    !!e.role &&
    docOf(data, data.sentences[m.s] as SentenceData)
      .body.slice(m.start, m.end)
      .includes(e.role);
  let roleAt = -1;
  for (let k = 0; k < Math.min(e.mentions.length, ROLE_SCAN) && roleAt < 0; k++)
    if (givesRole(mentionAt(k))) roleAt = k;
  const results: AnswerResult[] = [];
  const seen = new Set<number>();
  const take = (k: number) => {
    const m = mentionAt(k);
    if (seen.has(m.s)) return;
    seen.add(m.s);
    results.push(result(data, m.s, m, e.mentions.length - results.length));
  };
  if (roleAt >= 0) take(roleAt);
  for (let k = 0; k < e.mentions.length && results.length < limit; k++) if (k !== roleAt) take(k);
  return results;
}

// ---------------------------------------------------------------- who

/**
 * The top sentences again, each with how well its best answer candidate fits (the sentence that holds a
 * likely answer right beside the question's words wins over one that only shares more words).
 */
function rerankByCandidates(
  ranked: RankedSentence[],
  candidateFit: (r: RankedSentence) => number,
): RankedSentence[] {
  const head = ranked
    .slice(0, RERANK_TOP)
    .map((r) => ({ ...r, score: r.score + CANDIDATE_WEIGHT * candidateFit(r) }));
  head.sort((a, b) => b.score - a.score || a.s - b.s);
  return [...head, ...ranked.slice(RERANK_TOP)];
}

function answerWho(data: KbData, base: Answer, limit: number): Answer {
  const name = nameOfQuery(base.query);
  const looksLikeName = name.split(' ').length <= 5 && !/^(?:who|whom|which|what)\b/i.test(name);
  if (looksLikeName) {
    const id = resolveEntity(data, name);
    if (id >= 0) {
      const e = data.entities[id] as EntityData;
      const where = e.mentions.length === 1 ? 'once' : `${e.mentions.length} times`;
      return {
        ...base,
        found: true,
        summary: `${describe(e)} (mentioned ${where})`,
        results: entityMentionResults(data, id, limit),
        suggestions: namesakes(data, name, id),
      };
    }
  }
  const q = queryTerms(data, base.query);
  const ranked = rankSentences(data, q, 'who');
  const best = ranked[0];
  if (!best) return notFound(data, base, 'about');
  const results: AnswerResult[] = [];
  let summary = '';
  const actions = actionTerms(base.query, q);
  for (const { r, win } of distinctWindows(data, ranked, limit)) {
    const actor = pickActor(data, win, r, q, base.query, actions);
    const res = result(data, r.s, actor, r.score, win);
    if (!summary) {
      const e = actor ? (data.entities[actor.e] as EntityData) : undefined;
      summary = e?.role && !res.highlight.includes(e.role) ? `${res.highlight} — ${e.role}` : res.highlight;
    }
    results.push(res);
  }
  return {
    ...base,
    found: true,
    summary: cutAtWord(summary, SUMMARY_MAX_CHARS),
    results,
  };
}

interface WordPosition {
  start: number;
  end: number;
  term: string | null;
}

function sentenceWords(data: KbData, s: number): WordPosition[] {
  const sent = data.sentences[s] as SentenceData;
  const text = docOf(data, sent).body.slice(sent.start, sent.end);
  return words(text).map((w) => ({
    start: sent.start + w.start,
    end: sent.start + w.end,
    term: termOf(w.word),
  }));
}

/**
 * How close a span stands to the query's words in its sentence, weighted by their rarity:
 * the answer usually sits next to what the question says about it.
 */
function proximity(
  ws: WordPosition[],
  start: number,
  end: number,
  q: QueryTerms,
  matched: Set<string>,
): number {
  const first = ws.findIndex((w) => w.end > start);
  let last = first;
  while (last + 1 < ws.length && (ws[last + 1] as WordPosition).start < end) last++;
  if (first < 0) return 0;
  const nearest = new Map<string, number>();
  for (const [i, w] of ws.entries()) {
    if (!w.term || !matched.has(w.term) || (i >= first && i <= last)) continue;
    const d = i < first ? first - i : i - last;
    const prev = nearest.get(w.term);
    if (prev === undefined || d < prev) nearest.set(w.term, d);
  }
  let score = 0;
  for (const [t, d] of nearest) score += (q.idf.get(t) ?? 0) / (1 + d);
  return score / Math.max(q.total, 1e-9);
}

/** Side of the query's words where the answer stands: "who did X beat" asks for an object. */
function answerSide(query: string): 'left' | 'right' | null {
  if (/^\s*(?:who|whom)\s+(?:did|does|do|will|would|can|could|should)\s+(?!not\b)/i.test(query))
    return 'right';
  if (/^\s*whom\b|\bby whom\b|\bwho\W*$/i.test(query)) return 'right';
  if (/^\s*who\s+(?!is\b|was\b|are\b|were\b|'s\b)\w+/i.test(query)) return 'left';
  return null;
}

/** Names joined by "and" or commas are one answer: "Beyoncé and Bruno Mars". */
function extendToGroup(data: KbData, s: number, span: { start: number; end: number }, q: QueryTerms) {
  const sent = data.sentences[s] as SentenceData;
  const body = docOf(data, sent).body;
  const spans = sent.m
    .map((id) => data.mentions[id])
    .filter((m) => m !== undefined && !nameTermsOverlap(data, m.ns, m.end, s, q))
    .map((m) => ({ start: (m as { start: number }).start, end: (m as { end: number }).end }))
    .sort((a, b) => a.start - b.start);
  let { start, end } = span;
  const joiner = /^(?:,\s*|\s+and\s+|,\s+and\s+|\s*&\s*)$/;
  for (const m of spans)
    if (m.start > end && joiner.test(body.slice(end, m.start)) && m.end - start <= 80) end = m.end;
  for (const m of [...spans].reverse())
    if (m.end < start && joiner.test(body.slice(m.end, start)) && end - m.start <= 80) start = m.start;
  return { start, end };
}

/**
 * The answer span as a reader would quote it: with "the" before an organization and a possessive 's (not for
 * the owner of the action asked about: "Velmar", not "Velmar's", attacked).
 */
function answerSpan(
  data: KbData,
  s: number,
  span: { start: number; end: number },
  kind: string,
  withPossessive = true,
) {
  const sent = data.sentences[s] as SentenceData;
  const body = docOf(data, sent).body;
  let { start, end } = span;
  if (kind !== 'person' && /(?:^|\s)the $/i.test(body.slice(Math.max(sent.start, start - 5), start)))
    start -= 4;
  if (withPossessive && /^['’]s\b/.test(body.slice(end, end + 3))) end += 2;
  return { start, end };
}

/**
 * Where the answer stands in the sentence, from part-of-speech tags: the subject just before the question's
 * verb ("Geochronologists precisely date rocks"), the agent after "by", or the object right after the verb.
 */
/** Index of the first verb of the sentence that the question also uses, else -1. */
function questionVerbAt(tagged: TaggedWord[], r: RankedSentence): number {
  return tagged.findIndex((t) => {
    const term = termOf(t.text);
    return (t.pos === 'VERB' || t.pos === 'AUX') && term !== null && r.matched.has(term);
  });
}

/** Index of the "by" right after the question's verb ("was designed by"), else -1. */
function passiveAgentAt(tagged: TaggedWord[], verbAt: number): number {
  return verbAt >= 0 && tagged[verbAt + 1]?.text.toLowerCase() === 'by' ? verbAt + 1 : -1;
}

function answerSlot(
  tagged: TaggedWord[],
  phrases: { start: number; end: number }[],
  text: string,
  verbAt: number,
  query: string,
  side: 'left' | 'right' | null,
): { start: number; end: number } | null {
  if (verbAt < 0) return null;
  const verb = tagged[verbAt] as TaggedWord;
  if (/\bby\s+whom?\b/i.test(query)) {
    const by = tagged.findIndex((t, i) => i > verbAt && t.text.toLowerCase() === 'by');
    return by >= 0 ? (phrases.find((p) => p.start >= (tagged[by] as TaggedWord).end) ?? null) : null;
  }
  if (side === 'right') {
    const next = phrases.find((p) => p.start >= verb.end);
    return next && /^\s*(?:\p{Ll}+\s+){0,1}$/u.test(text.slice(verb.end, next.start)) ? next : null;
  }
  if (side !== 'left') return null;
  // "Who tackled X?" — "X ... was tackled by safety Darian Stewart": the agent of the passive
  const by = passiveAgentAt(tagged, verbAt);
  if (by >= 0) return phrases.find((p) => p.start >= (tagged[by] as TaggedWord).end) ?? null;
  const before = phrases.filter((p) => p.end <= verb.start);
  // "NFL owners at their spring meetings in Boston voted": the subject is before the prepositional phrases
  let at = before.length - 1;
  while (
    at > 0 &&
    linksByPreposition(
      tagged,
      (before[at - 1] as { end: number }).end,
      (before[at] as { start: number }).start,
    )
  )
    at--;
  const subject = before[at];
  const last = before[before.length - 1];
  if (
    !last ||
    !/^\s*(?:(?:\p{L}+ly|has|have|had|was|were|is|are|will|would|also|then|not)\s+)*$/u.test(
      text.slice(last.end, verb.start),
    )
  )
    return null;
  let slot = { start: (subject ?? last).start, end: (subject ?? last).end };
  for (let k = at - 1; k >= 0; k--) {
    const prev = before[k] as { start: number; end: number };
    if (!/^(?:,\s*|\s+and\s+|,\s+and\s+|\s+or\s+)$/.test(text.slice(prev.end, slot.start))) break;
    slot = { start: prev.start, end: slot.end };
  }
  return slot;
}

/** Between `end` and `start` stands a preposition, with at most a determiner: " at their ", " in ". */
function linksByPreposition(tagged: TaggedWord[], end: number, start: number): boolean {
  const between = tagged.filter((t) => t.start >= end && t.end <= start);
  return (
    between.length > 0 &&
    between[0]?.pos === 'ADP' &&
    between.slice(1).every((t) => t.pos === 'DET' || t.pos === 'PRON')
  );
}

function pickActor(
  data: KbData,
  win: Window,
  r: RankedSentence,
  q: QueryTerms,
  query: string,
  /** actionTerms of the query */
  actions: Set<string>,
): { start: number; end: number; e: number } | null {
  const side = answerSide(query);
  const focus = win.sentences.indexOf(r.s);
  const focusSentence = data.sentences[r.s] as SentenceData;
  const body = docOf(data, focusSentence).body;
  const text = body.slice(focusSentence.start, focusSentence.end);
  const tagged = tagWords(text);
  const verbAt = questionVerbAt(tagged, r);
  const phrases = nounPhrases(tagged).map((np) => ({
    start: focusSentence.start + np.start,
    end: focusSentence.start + np.end,
    proper: np.proper,
  }));
  const local = answerSlot(
    tagged,
    phrases.map((p) => ({ start: p.start - focusSentence.start, end: p.end - focusSentence.start })),
    text,
    verbAt,
    query,
    side,
  );
  const slot = local
    ? { start: focusSentence.start + local.start, end: focusSentence.start + local.end }
    : null;
  // "who designed it" over "it was designed by X": the answer stands after the verb, not before it
  const answerAt = side === 'left' && passiveAgentAt(tagged, verbAt) >= 0 ? 'right' : side;

  let best: { start: number; end: number; e: number; s: number; owns: boolean } | null = null;
  let bestScore = Number.NEGATIVE_INFINITY;
  for (const [i, s] of win.sentences.entries()) {
    if (i < focus - 1 || (i === focus - 1 && !pointsBack(data, r.s))) continue;
    const sent = data.sentences[s] as SentenceData;
    const ws = s === r.s ? sentenceWords(data, s) : [];
    const firstMatch = ws.find((w) => w.term && r.matched.has(w.term));
    const lastMatch = [...ws].reverse().find((w) => w.term && r.matched.has(w.term));
    for (const mid of sent.m) {
      const m = data.mentions[mid];
      if (!m || nameTermsOverlap(data, m.ns, m.end, s, q)) continue;
      let score = s === r.s ? 4 * proximity(ws, m.ns, m.end, q, r.matched) : -1 - Math.abs(i - focus);
      // "Who is the mayor ...": a role the question names, given right with the name ("Mayor Ed Lee")
      if (m.ns > m.start && roleHeadAsked(body.slice(m.start, m.ns), q)) score += ROLE_BONUS;
      const owns = m.possessive && s === r.s && possessesAction(tagged, m.end - focusSentence.start, actions);
      if (m.possessive) score += owns ? SLOT_BONUS : -0.3;
      if (answerAt === 'left' && firstMatch && m.end <= firstMatch.start) score += SIDE_BONUS;
      if (answerAt === 'right' && lastMatch && m.start >= lastMatch.end) score += SIDE_BONUS;
      if (slot && m.start >= slot.start && m.end <= slot.end) score += SLOT_BONUS;
      if (score > bestScore) {
        bestScore = score;
        best = { start: m.start, end: m.end, e: m.e, s, owns };
      }
    }
  }
  if (best && best.s === r.s) {
    const chosen = best;
    const kind = (data.entities[chosen.e] as EntityData).kind;
    let span = answerSpan(data, chosen.s, extendToGroup(data, chosen.s, chosen, q), kind, !chosen.owns);
    // the chosen name, widened to its phrase (or its slot) when that says no more of the question
    const np =
      (slot && slot.start <= span.start && slot.end >= chosen.end && slot.end - slot.start <= 80
        ? slot
        : null) ?? phrases.find((p) => p.start <= span.start && p.end >= chosen.end && p.end - p.start <= 80);
    if (np && !nameTermsOverlap(data, np.start, np.end, r.s, q))
      span = { start: Math.min(np.start, span.start), end: Math.max(np.end, span.end) };
    return { ...span, e: chosen.e };
  }
  // No name in the focus sentence: its answer slot, when the sentence shows one; else the whole sentence.
  if (slot && slot.end - slot.start <= 80 && !nameTermsOverlap(data, slot.start, slot.end, r.s, q))
    return { start: slot.start, end: slot.end, e: -1 };
  if (!best) return null;
  const kind = (data.entities[best.e] as EntityData).kind;
  const span = answerSpan(data, best.s, extendToGroup(data, best.s, best, q), kind);
  return { ...span, e: best.e };
}

/**
 * The role's head word is one the question uses: "Mayor Ed Lee" for "who is the mayor", but not "Northern
 * Governor Hal Brandt" for "who attacked Northern ports" (a qualifier, not the role, is shared).
 */
function roleHeadAsked(role: string, q: QueryTerms): boolean {
  const ws = words(role);
  const head = ws[ws.length - 1];
  const t = head ? termOf(head.word) : null;
  return t !== null && q.terms.includes(t);
}

/** How many words may stand between a possessive and the action it owns ("Velmar's surprise attack"). */
const POSSESSED_WORDS = 4;

/** The terms of the question's verbs, with their word families: "who attacked" -> attack, attacker. */
function actionTerms(query: string, q: QueryTerms): Set<string> {
  const out = new Set<string>();
  for (const w of tagWords(query)) {
    const t = w.pos === 'VERB' ? termOf(w.text) : null;
    if (!t) continue;
    out.add(t);
    for (const a of q.alternates.get(t) ?? []) out.add(a.term);
  }
  return out;
}

/**
 * The possessive ending at `end` (in the tagged sentence) owns one of the question's actions, named by a noun
 * of the phrase it opens: "Velmar's surprise attack on the ports" answers "who attacked"; "Ada's father" does
 * not answer "who was her father" (no action is asked), nor "Ada's ideas became radical" "whose ideas became".
 */
function possessesAction(tagged: TaggedWord[], end: number, actions: Set<string>): boolean {
  if (actions.size === 0) return false;
  let k = tagged.findIndex((t) => t.start >= end);
  if (k >= 0 && /^['’]s?$/.test((tagged[k] as TaggedWord).text)) k++;
  for (let n = 0; k >= 0 && k < tagged.length && n < POSSESSED_WORDS; k++, n++) {
    const t = tagged[k] as TaggedWord;
    if (!['ADJ', 'NOUN', 'PROPN', 'NUM'].includes(t.pos)) return false;
    const term = t.pos === 'NOUN' ? termOf(t.text) : null;
    if (term && actions.has(term)) return true;
  }
  return false;
}

/** Noun phrases: an optional determiner, then adjectives, nouns, names and numbers, ending on a noun or name. */
function nounPhrases(tagged: TaggedWord[]): { start: number; end: number; proper: boolean }[] {
  const out: { start: number; end: number; proper: boolean }[] = [];
  let i = 0;
  while (i < tagged.length) {
    const w = tagged[i] as TaggedWord;
    if (
      !['DET', 'ADJ', 'NOUN', 'PROPN', 'NUM'].includes(w.pos) ||
      /^(?:this|that|these|those|which|what|any|each|every|some|no)$/i.test(w.text)
    ) {
      i++;
      continue;
    }
    let j = i;
    let lastHead = -1;
    let proper = false;
    while (j < tagged.length) {
      const t = tagged[j] as TaggedWord;
      const next = tagged[j + 1];
      const ok =
        j === i
          ? true
          : ['ADJ', 'NOUN', 'PROPN', 'NUM'].includes(t.pos) ||
            (t.text === '&' && next?.pos === 'PROPN') ||
            // "Chicago's physics department", "the courts of member states"
            (/^['’]s$/.test(t.text) && ['ADJ', 'NOUN', 'PROPN'].includes(next?.pos ?? '')) ||
            (t.text === 'of' &&
              lastHead === j - 1 &&
              ['ADJ', 'NOUN', 'PROPN', 'DET'].includes(next?.pos ?? '')) ||
            (t.pos === 'DET' && tagged[j - 1]?.text === 'of') ||
            // a hyphen inside a word: "Anglo-Saxon", "New York–based"
            (/^[-–]$/.test(t.text) && tagged[j - 1]?.end === t.start && next?.start === t.end);
      if (!ok || (j > i && t.pos === 'DET' && tagged[j - 1]?.text !== 'of')) break;
      if (t.pos === 'NOUN' || t.pos === 'PROPN') lastHead = j;
      if (t.pos === 'PROPN') proper = true;
      j++;
    }
    if (lastHead >= i) {
      const first = tagged[i] as TaggedWord;
      out.push({ start: first.start, end: (tagged[lastHead] as TaggedWord).end, proper });
      i = lastHead + 1;
    } else i = j > i ? j : i + 1;
  }
  return out;
}

// ---------------------------------------------------------------- when

function wantedTimeKinds(query: string): ((kind: string, text: string) => number) | null {
  const q = query.toLowerCase();
  if (/\bwhat\s+(?:year|years)\b|\bwhich\s+year\b|\byear\b/.test(q))
    return (kind, text) => (/\b\d{3,4}\b/.test(text) ? 1 : kind === 'relative' ? 0.3 : 0);
  if (/\bcentury\b/.test(q)) return (_k, text) => (/centur/i.test(text) ? 1 : 0);
  if (/\b(?:what|which)\s+(?:day|date)\b/.test(q))
    return (kind) => (kind === 'date' || kind === 'weekday' ? 1 : 0.2);
  if (/\bmonth\b/.test(q)) return (kind) => (kind === 'date' || kind === 'month' ? 1 : 0.2);
  if (/\bhow\s+long\b/.test(q)) return (kind) => (kind === 'duration' ? 1 : 0.2);
  return null;
}

function answerWhen(data: KbData, base: Answer, limit: number): Answer {
  const q = queryTerms(data, base.query);
  const prefer = wantedTimeKinds(base.query);
  const ranked = rerankByCandidates(rankSentences(data, q, 'when'), (r) => {
    const sent = data.sentences[r.s] as SentenceData;
    const ws = sentenceWords(data, r.s);
    let top = 0;
    for (const tid of sent.t) {
      const t = data.times[tid] as TimeData;
      const text = docOf(data, sent).body.slice(t.start, t.end);
      if (nameTermsOverlap(data, t.start, t.end, r.s, q) && words(text).length <= 2) continue;
      const v = proximity(ws, t.start, t.end, q, r.matched) + (prefer ? 0.5 * prefer(t.kind, text) : 0);
      if (v > top) top = v;
    }
    return top;
  });
  const best = ranked[0];
  if (!best) return notFound(data, base, 'about');
  const results: AnswerResult[] = [];
  let summary = '';
  for (const { r, win } of distinctWindows(data, ranked, limit)) {
    const focus = win.sentences.indexOf(r.s);
    let pick: { start: number; end: number; date?: string } | null = null;
    let pickScore = Number.NEGATIVE_INFINITY;
    for (const [i, s] of win.sentences.entries()) {
      if (i < focus - 1 || (i === focus - 1 && !pointsBack(data, r.s))) continue;
      const sent = data.sentences[s] as SentenceData;
      const ws = s === r.s ? sentenceWords(data, s) : [];
      for (const tid of sent.t) {
        const t = data.times[tid];
        if (!t || t.end > win.end) continue;
        const text = docOf(data, sent).body.slice(t.start, t.end);
        if (nameTermsOverlap(data, t.start, t.end, s, q) && words(text).length <= 2) continue;
        let score = s === r.s ? 4 * proximity(ws, t.start, t.end, q, r.matched) : -1 - Math.abs(i - focus);
        if (prefer) score += 2 * prefer(t.kind, text);
        if (t.kind === 'duration') score -= 0.5;
        if (score > pickScore) {
          pickScore = score;
          pick = t;
        }
      }
    }
    const res = result(data, r.s, pick, r.score, win);
    if (pick?.date) res.date = pick.date;
    if (!summary && pick) summary = pick.date ? `${res.highlight} (${pick.date})` : res.highlight;
    results.push(res);
  }
  if (!summary) summary = `No time expression found; the closest passage is cited.`;
  return { ...base, found: true, summary, results };
}

// ---------------------------------------------------------------- quote

function quoteResult(data: KbData, qid: number, score: number): AnswerResult {
  const quote = data.quotes[qid] as { s: number; start: number; end: number; speaker: number };
  // The excerpt starts at the quotation's sentence; a quotation longer than the excerpt is cut with it.
  const win = windowAt(data, quote.s);
  const hl = { start: quote.start, end: Math.min(quote.end, win.end) };
  const res = result(data, quote.s, hl, score, win);
  const speaker = data.entities[quote.speaker];
  if (speaker) res.speaker = speaker.name;
  return res;
}

function answerQuote(data: KbData, base: Answer, limit: number): Answer {
  const name = nameOfQuery(base.query);
  const speakerLike = (e: EntityData) => e.kind !== 'other' || e.quotes.length > 0;
  const short = name.split(' ').length <= 5;
  // A name as written first; then the quotations' topic; a misspelt name only when no topic matches.
  let id = short ? resolveEntity(data, name, speakerLike, true) : -1;
  if (id < 0) {
    const topic = quotesAbout(data, base, limit);
    if (topic.found || !short) return topic;
    id = resolveEntity(data, name, speakerLike);
    if (id < 0) return topic;
  }
  const e = data.entities[id] as EntityData;
  if (e.quotes.length === 0) {
    const results = entityMentionResults(data, id, limit);
    const places: string[] = [];
    for (const mid of e.mentions.slice(0, ROLE_SCAN)) {
      const sent = data.sentences[(data.mentions[mid] as MentionData).s] as SentenceData;
      const place = `${docOf(data, sent).id} ¶${(data.paragraphs[sent.p] as ParagraphData).index}`;
      if (!places.includes(place)) places.push(place);
    }
    const more = places.length > 6 ? ` and ${places.length - 6} more` : '';
    return {
      ...base,
      found: false,
      summary: `No direct quotes from ${e.name}; mentioned in ${places.slice(0, 6).join(', ')}${more}.`,
      results,
    };
  }
  const results = e.quotes.slice(0, limit).map((qid, i) => quoteResult(data, qid, e.quotes.length - i));
  return {
    ...base,
    found: true,
    summary: `${e.quotes.length} direct quote${e.quotes.length === 1 ? '' : 's'} from ${describe(e)}`,
    results,
  };
}

/** Quotations whose sentences match the query's words. */
function quotesAbout(data: KbData, base: Answer, limit: number): Answer {
  const q = queryTerms(data, base.query, false);
  const ranked = rankSentences(data, q, 'quote').filter(
    (r) => (data.sentences[r.s] as SentenceData).q.length > 0,
  );
  const best = ranked[0];
  if (!best || best.matched.size === 0) return notFound(data, base, 'quotes anyone on');
  const results: AnswerResult[] = [];
  for (const r of ranked) {
    if (results.length >= limit) break;
    if (r.matched.size === 0) continue;
    const qid = (data.sentences[r.s] as SentenceData).q[0] as number;
    results.push(quoteResult(data, qid, r.score));
  }
  const first = results[0];
  return {
    ...base,
    found: true,
    summary: first?.speaker
      ? `${first.speaker}: "${cutAtWord(first.highlight, SUMMARY_MAX_CHARS - first.speaker.length - 4)}"`
      : `Quotations about "${base.query}"`,
    results,
  };
}

// ---------------------------------------------------------------- search

function answerSearch(data: KbData, base: Answer, limit: number): Answer {
  let q = queryTerms(data, base.query);
  let ranked = rankSentences(data, q, 'search');
  if (!ranked[0]) {
    // a misspelt name ("kenedy"): retry with the names it looks like
    const id = resolveEntity(data, nameOfQuery(base.query));
    if (id >= 0) {
      q = queryTerms(data, (data.entities[id] as EntityData).name);
      ranked = rankSentences(data, q, 'search');
    }
  }
  const best = ranked[0];
  if (!best) return notFound(data, base, 'matches');
  const results: AnswerResult[] = [];
  const usedParagraphs = new Set<number>();
  for (const r of ranked) {
    if (results.length >= limit) break;
    const sent = data.sentences[r.s] as SentenceData;
    if (usedParagraphs.has(sent.p)) continue;
    usedParagraphs.add(sent.p);
    results.push(result(data, r.s, { start: sent.start, end: sent.end }, r.score, answerWindow(data, r.s)));
  }
  const first = results[0] as AnswerResult;
  return {
    ...base,
    found: true,
    summary: `${results.length} passage${results.length === 1 ? '' : 's'}; best: ${first.citation.document} ¶${first.citation.paragraph}`,
    results,
  };
}
