/** One cited result: the excerpt of a window, its highlight, and where it stands (document, paragraph, sentence). */
import type { KbView, Sentence, Span } from '../../index/kb-view.ts';
import { type AnswerResult, EXCERPT_MAX_CHARS } from '../answer.ts';
import { lastOf, type Window, windowAround, windowAt } from './excerpt-windows.ts';

/** Scores are given to three decimals: finer differences mean nothing to a reader. */
const SCORE_SCALE = 1000;

/**
 * The window a result quotes: `window`, unless the highlight lies outside it but inside the focus sentence,
 * which moves the window there (windowAround, within the window's room).
 */
export function quotedWindow(kb: KbView, focus: Sentence, highlight: Span | null, window: Window): Window {
  const outside = highlight && (highlight.start < window.start || highlight.end > window.end);
  if (
    outside &&
    highlight.start >= focus.start &&
    highlight.end <= focus.end &&
    highlight.end - highlight.start <= EXCERPT_MAX_CHARS
  )
    return windowAround(kb, focus, highlight, window.room);
  return window;
}

/** The sentence of the window (or the one it ends inside) where the highlight starts. */
function sentenceHolding(kb: KbView, win: Window, highlight: Span, focus: Sentence): Sentence {
  if (highlight.start >= focus.start && highlight.start < focus.end) return focus;
  for (let id = win.sentences[0] ?? focus.id; id <= lastOf(win, focus.id) + 1; id++) {
    const sentence = kb.sentenceAt(id);
    if (sentence && sentence.start <= highlight.start && highlight.start < sentence.end) return sentence;
  }
  return focus;
}

/**
 * `focus` is the sentence that answers (highlighted when no narrower `highlight` is given); the citation
 * names the sentence that holds the highlight. The excerpt is quotedWindow's.
 */
export function citedResult(
  kb: KbView,
  focus: Sentence,
  highlight: Span | null,
  score: number,
  window: Window = windowAt(kb, focus),
): AnswerResult {
  const win = quotedWindow(kb, focus, highlight, window);
  const first = kb.sentence(win.sentences[0] ?? focus.id);
  const doc = kb.documentOf(first);
  let shown = highlight && highlight.start >= win.start && highlight.end <= win.end ? highlight : null;
  if (!shown) shown = { start: focus.start, end: Math.min(focus.end, win.end) };
  const cited = sentenceHolding(kb, win, shown, focus);
  const citation: AnswerResult['citation'] = {
    document: doc.id,
    title: doc.title,
    paragraph: kb.paragraphOf(cited).number,
    sentence: cited.number,
  };
  if (doc.source) citation.source = doc.source;
  const last = kb.sentence(lastOf(win, focus.id));
  const result: AnswerResult = {
    excerpt: doc.body.slice(win.start, win.end),
    highlight: doc.body.slice(shown.start, shown.end),
    citation,
    score: Math.round(score * SCORE_SCALE) / SCORE_SCALE,
  };
  if (win.end !== last.end) result.truncated = true;
  if (win.start !== first.start) result.truncatedStart = true;
  return result;
}
