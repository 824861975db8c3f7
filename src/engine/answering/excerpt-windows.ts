/**
 * Excerpt windows: which stretch of a document body a result quotes, within EXCERPT_MAX_CHARS. A window
 * starts at a whole sentence (the cited one) unless that sentence is too long to show its answer.
 */
import type { KbView, Sentence, Span } from '../../index/kb-view.ts';
import { EXCERPT_MAX_CHARS } from '../answer.ts';

export const EXCERPT_WINDOWS = {
  /** Characters of a sentence's start read for a word that points back ("the latter" is the longest). */
  pointingBackChars: 12,
  /** Characters of a long sentence shown before an answer that lies past the excerpt's bound. */
  contextBefore: 150,
  /**
   * A sentence that an earlier result shows at least this share of (the start of the sentence after its
   * window) gets no result of its own: what is left of it is a fragment.
   */
  maxShownShare: 0.5,
} as const;

/** A stretch of one paragraph: offsets in the document body and the ids of the sentences it shows. */
export interface Window extends Span {
  sentences: number[];
  /**
   * The stretch of the paragraph the window may take: what no earlier result of the answer shows (no two
   * results quote the same characters). Unset: the whole paragraph.
   */
  room?: Span;
}

/** No bound: every window of a lone result. */
const ANYWHERE: Span = { start: 0, end: Number.MAX_SAFE_INTEGER };

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

/** Where the sentence's part inside the room starts: its start, or the first word after the room's start. */
function startInRoom(kb: KbView, sentence: Sentence, room: Span): number {
  if (room.start <= sentence.start) return sentence.start;
  const body = kb.bodyOf(sentence);
  let start = room.start;
  while (start < sentence.end && /[^\p{L}\p{N}"“'‘(]/u.test(body.charAt(start))) start++;
  return start;
}

/** A window's result keeps its room (when bounded) for windowAround. */
function inRoom(win: Window, room: Span): Window {
  return room === ANYWHERE ? win : { ...win, room };
}

/**
 * The excerpt: the sentence and the ones after it in its paragraph, as many as fit — within `room`, where a
 * sentence whose start an earlier result shows is quoted from the first word after it.
 */
export function windowAt(kb: KbView, sentence: Sentence, room: Span = ANYWHERE): Window {
  const lastInParagraph = kb.paragraphOf(sentence).lastSentence;
  const start = startInRoom(kb, sentence, room);
  let end = Math.min(sentence.end, start + EXCERPT_MAX_CHARS);
  if (end < sentence.end) {
    // Cut after a whole word, unless that loses more than half of the bound.
    const body = kb.bodyOf(sentence);
    const cut = body.lastIndexOf(' ', end);
    if (cut > start + EXCERPT_MAX_CHARS / 2) end = cut;
    while (end > start && /[\s,;:]/.test(body.charAt(end - 1))) end--;
  }
  const sentences = [sentence.id];
  for (let k = sentence.id + 1; k <= lastInParagraph; k++) {
    const next = kb.sentence(k);
    if (next.end - start > EXCERPT_MAX_CHARS || next.end > room.end) break;
    end = next.end;
    sentences.push(k);
  }
  return inRoom({ start, end, sentences }, room);
}

/**
 * The window for a ranked sentence: a sentence that opens by pointing back starts the excerpt one sentence
 * earlier, where the antecedent is, when both fit.
 */
export function answerWindow(kb: KbView, sentence: Sentence, room: Span = ANYWHERE): Window {
  const previous = kb.sentenceAt(sentence.id - 1);
  let win =
    previous &&
    previous.start >= room.start &&
    pointsBack(kb, sentence) &&
    sentence.end - previous.start <= EXCERPT_MAX_CHARS
      ? windowAt(kb, previous, room)
      : windowAt(kb, sentence, room);
  // Room left at the end of the paragraph goes to the sentences before: more of the context, same bound.
  for (let k = firstOf(win, sentence.id) - 1; k >= 0 && win.start === kb.sentence(k + 1).start; k--) {
    const before = kb.sentence(k);
    if (
      before.paragraph !== sentence.paragraph ||
      win.end - before.start > EXCERPT_MAX_CHARS ||
      before.start < room.start
    )
      break;
    win = { ...win, start: before.start, sentences: [k, ...win.sentences] };
  }
  // Room still left goes to the start of the next sentence, cut after a whole word: the answer to a
  // question often follows the sentence that shares its words.
  const next = kb.sentenceAt(lastOf(win, sentence.id) + 1);
  if (next && next.paragraph === sentence.paragraph) {
    const body = kb.bodyOf(sentence);
    let end = body.lastIndexOf(' ', Math.min(win.start + EXCERPT_MAX_CHARS, room.end));
    while (end > next.start && /[\s,;:([{"“'‘]/.test(body.charAt(end - 1))) end--;
    if (end > next.start) win = { ...win, end };
  }
  return win;
}

/**
 * The windows an answer's results take, so that no two of them quote the same characters: a later result's
 * window is cut to the room its paragraph has left around its sentence (its start may fall inside the
 * sentence, after the words an earlier result already shows); a sentence an earlier result shows whole gets
 * no window.
 */
export class WindowPicker {
  readonly #kb: KbView;
  readonly #taken: Window[] = [];
  constructor(kb: KbView) {
    this.#kb = kb;
  }

  /**
   * The stretch of the sentence's paragraph around it that no taken window shows; null when taken windows
   * show the sentence (all of it, or EXCERPT_WINDOWS.maxShownShare).
   */
  roomFor(sentence: Sentence): Span | null {
    const others = this.#taken.filter(
      (w) => this.#kb.sentence(w.sentences[0] ?? -1).document === sentence.document,
    );
    if (others.length === 0) return ANYWHERE;
    let start = 0;
    let end = Number.MAX_SAFE_INTEGER;
    for (const w of others) {
      if (w.start <= sentence.start) start = Math.max(start, w.end);
      else end = Math.min(end, w.start);
    }
    const left = Math.min(end, sentence.end) - Math.max(start, sentence.start);
    const length = sentence.end - sentence.start;
    return left > 0 && length - left < EXCERPT_WINDOWS.maxShownShare * length ? { start, end } : null;
  }

  /** The sentence's answer window within the room left, not yet taken; null when the sentence is shown. */
  windowFor(sentence: Sentence): Window | null {
    const room = this.roomFor(sentence);
    return room && answerWindow(this.#kb, sentence, room);
  }

  /** The window as the result finally quotes it (after citedResult's windowAround, if any). */
  take(window: Window): void {
    this.#taken.push(window);
  }
}

/**
 * A window inside the sentence that shows `span` when the sentence is too long to show it from its start
 * ("... the 600th character of a list names Ada Brenner ..."): it starts and ends at a word, within the bound.
 */
export function windowAround(kb: KbView, sentence: Sentence, span: Span, room: Span = ANYWHERE): Window {
  const body = kb.bodyOf(sentence);
  let start = Math.max(
    startInRoom(kb, sentence, room),
    span.start - EXCERPT_WINDOWS.contextBefore,
    span.end - EXCERPT_MAX_CHARS,
  );
  if (start > sentence.start) {
    const space = body.indexOf(' ', start);
    if (space >= 0 && space < span.start) start = space + 1;
  }
  let end = Math.min(sentence.end, start + EXCERPT_MAX_CHARS, room.end);
  if (end < sentence.end) {
    const space = body.lastIndexOf(' ', end);
    if (space >= span.end) end = space;
    while (end > span.end && /[\s,;:]/.test(body.charAt(end - 1))) end--;
  }
  return inRoom({ start, end, sentences: [sentence.id] }, room);
}
