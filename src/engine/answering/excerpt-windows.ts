/**
 * Excerpt windows: which stretch of a document body a result quotes, within EXCERPT_MAX_CHARS. A window
 * starts at a whole sentence (the cited one) unless that sentence is too long to show its answer.
 */
import type { KbView, Sentence, Span } from '../../index/kb-view.ts';
import { EXCERPT_MAX_CHARS } from '../answer.ts';
import type { RankedSentence } from './sentence-ranking.ts';

export const EXCERPT_WINDOWS = {
  /** Characters of a sentence's start read for a word that points back ("the latter" is the longest). */
  pointingBackChars: 12,
  /** Characters of a long sentence shown before an answer that lies past the excerpt's bound. */
  contextBefore: 150,
} as const;

/** A stretch of one paragraph: offsets in the document body and the ids of the sentences it shows. */
export interface Window extends Span {
  sentences: number[];
}

const ANAPHORIC_START =
  /^(?:he|she|it|they|this|these|those|that|his|her|its|their|there|then|such|both|the latter|the former)\b/i;

function firstOf(win: Window, otherwise: number): number {
  return win.sentences[0] ?? otherwise;
}

export function lastOf(win: Window, otherwise: number): number {
  return win.sentences[win.sentences.length - 1] ?? otherwise;
}

/** The sentence opens by pointing back ("He died in 1227."): its antecedent is in the sentence before. */
export function pointsBack(kb: KbView, sentence: Sentence): boolean {
  const previous = kb.sentenceAt(sentence.id - 1);
  const opening = { start: sentence.start, end: sentence.start + EXCERPT_WINDOWS.pointingBackChars };
  return (
    !!previous &&
    previous.paragraph === sentence.paragraph &&
    ANAPHORIC_START.test(kb.text(sentence, opening))
  );
}

/** The excerpt: the sentence and the ones after it in its paragraph, as many as fit. */
export function windowAt(kb: KbView, sentence: Sentence): Window {
  const lastInParagraph = kb.paragraphOf(sentence).lastSentence;
  let end = Math.min(sentence.end, sentence.start + EXCERPT_MAX_CHARS);
  if (end < sentence.end) {
    // Cut after a whole word, unless that loses more than half of the bound.
    const body = kb.bodyOf(sentence);
    const cut = body.lastIndexOf(' ', end);
    if (cut > sentence.start + EXCERPT_MAX_CHARS / 2) end = cut;
    while (end > sentence.start && /[\s,;:]/.test(body.charAt(end - 1))) end--;
  }
  const sentences = [sentence.id];
  for (let k = sentence.id + 1; k <= lastInParagraph; k++) {
    const next = kb.sentence(k);
    if (next.end - sentence.start > EXCERPT_MAX_CHARS) break;
    end = next.end;
    sentences.push(k);
  }
  return { start: sentence.start, end, sentences };
}

/**
 * The window for a ranked sentence: a sentence that opens by pointing back starts the excerpt one sentence
 * earlier, where the antecedent is, when both fit.
 */
export function answerWindow(kb: KbView, sentence: Sentence): Window {
  const previous = kb.sentenceAt(sentence.id - 1);
  let win =
    previous && pointsBack(kb, sentence) && sentence.end - previous.start <= EXCERPT_MAX_CHARS
      ? windowAt(kb, previous)
      : windowAt(kb, sentence);
  // Room left at the end of the paragraph goes to the sentences before: more of the context, same bound.
  for (let k = firstOf(win, sentence.id) - 1; k >= 0; k--) {
    const before = kb.sentence(k);
    if (before.paragraph !== sentence.paragraph || win.end - before.start > EXCERPT_MAX_CHARS) break;
    win = { start: before.start, end: win.end, sentences: [k, ...win.sentences] };
  }
  // Room still left goes to the start of the next sentence, cut after a whole word: the answer to a
  // question often follows the sentence that shares its words.
  const next = kb.sentenceAt(lastOf(win, sentence.id) + 1);
  if (next && next.paragraph === sentence.paragraph) {
    const body = kb.bodyOf(sentence);
    let end = body.lastIndexOf(' ', win.start + EXCERPT_MAX_CHARS);
    while (end > next.start && /[\s,;:([{"“'‘]/.test(body.charAt(end - 1))) end--;
    if (end > next.start) win = { ...win, end };
  }
  return win;
}

/**
 * The ranked sentences, best first, each with its excerpt window, leaving out a sentence that an earlier
 * window already shows (no two results quote the same words); at most `limit` of them.
 */
export function distinctWindows(
  kb: KbView,
  ranked: RankedSentence[],
  limit: number,
): { ranked: RankedSentence; window: Window }[] {
  const picked: { ranked: RankedSentence; window: Window }[] = [];
  const shown = new Set<number>();
  for (const r of ranked) {
    if (picked.length >= limit) break;
    if (shown.has(r.sentence.id)) continue;
    const window = answerWindow(kb, r.sentence);
    for (const id of window.sentences) shown.add(id);
    picked.push({ ranked: r, window });
  }
  return picked;
}

/**
 * A window inside the sentence that shows `span` when the sentence is too long to show it from its start
 * ("... the 600th character of a list names Ada Brenner ..."): it starts and ends at a word, within the bound.
 */
export function windowAround(kb: KbView, sentence: Sentence, span: Span): Window {
  const body = kb.bodyOf(sentence);
  let start = Math.max(
    sentence.start,
    span.start - EXCERPT_WINDOWS.contextBefore,
    span.end - EXCERPT_MAX_CHARS,
  );
  if (start > sentence.start) {
    const space = body.indexOf(' ', start);
    if (space >= 0 && space < span.start) start = space + 1;
  }
  let end = Math.min(sentence.end, start + EXCERPT_MAX_CHARS);
  if (end < sentence.end) {
    const space = body.lastIndexOf(' ', end);
    if (space >= span.end) end = space;
    while (end > span.end && /[\s,;:]/.test(body.charAt(end - 1))) end--;
  }
  return { start, end, sentences: [sentence.id] };
}
