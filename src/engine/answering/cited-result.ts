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

/**
 * `focus` is the sentence that answers (highlighted when no narrower `highlight` is given); the citation
 * names the sentence where the excerpt starts. The excerpt is quotedWindow's.
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
  const citation: AnswerResult['citation'] = {
    document: doc.id,
    title: doc.title,
    paragraph: kb.paragraphOf(first).number,
    sentence: first.number,
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
