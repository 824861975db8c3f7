/**
 * Quotation marks paired into quotations, as typed and as merged paragraphs leave them, and a text with its
 * quotations blanked out so that the words around them can be read alone.
 */

/** A quotation, marks included at [start, end) of the sentence text; closed or running to the sentence's end. */
export interface QuoteSpan {
  start: number;
  end: number;
  closed: boolean;
}

/** A mark that can only open a quotation, or only close one: curly marks. */
const OPENING_MARK = '“';
const CLOSING_MARK = '”';
/** Before an opening straight mark: the paragraph's start, a space, a bracket or a dash. */
const BEFORE_OPENING = /[\s([{—–-]/;
/** After a closing straight mark: the paragraph's end, a space or punctuation. */
const AFTER_CLOSING = /[\s,.;:!?)\]}—–-]/;

/** What a quotation mark at `at` can do, read from its shape or, for a straight one, from its neighbours. */
function markRole(text: string, at: number): 'open' | 'close' | 'either' {
  const mark = text[at];
  if (mark === OPENING_MARK) return 'open';
  if (mark === CLOSING_MARK) return 'close';
  const before = at === 0 || BEFORE_OPENING.test(text[at - 1] as string);
  const after = at + 1 === text.length || AFTER_CLOSING.test(text[at + 1] as string);
  if (before && !after) return 'open';
  if (after && !before) return 'close';
  return 'either';
}

/**
 * The quotations of a text, marks included: straight or curly marks, also mixed as typed ('“…," he said'), each
 * mark opening or closing as its neighbours tell ('week-out. "But' opens, 'moment." Lee' closes); a quotation
 * opened inside one and closed twice is part of it ('“… “has to do with trust” is absurd,”'). A quotation
 * still open when another one opens ends before it: text whose paragraphs were merged keeps the opening mark of
 * each continued paragraph and loses the closing one, and one unbalanced mark must not pair every later mark of
 * the paragraph the wrong way. A closing mark with no quotation open is dropped; the last quotation may run to
 * the end of the text unclosed (it goes on in the next paragraph).
 */
export function quotedRanges(text: string): QuoteSpan[] {
  if (!text.includes('"') && !text.includes(OPENING_MARK)) return [];
  const spans: QuoteSpan[] = [];
  const marks = [...text.matchAll(/["“”]/g)].map((m) => ({ at: m.index, role: markRole(text, m.index) }));
  let open = -1;
  for (let k = 0; k < marks.length; k++) {
    const { at, role } = marks[k] as (typeof marks)[number];
    if (open < 0) {
      if (role !== 'close') open = at;
      continue;
    }
    // '“Lee’s claim that it “has to do with trust” is absurd,” wrote Vale': a curly quotation inside the open
    // one, closed twice by curly marks before any mark opens again, is part of it
    const curly = (j: number) => text[marks[j]?.at ?? -1] === CLOSING_MARK;
    if (text[open] === OPENING_MARK && text[at] === OPENING_MARK && curly(k + 1) && curly(k + 2)) {
      k++;
      continue;
    }
    if (role === 'open') {
      const end = open + 1 + text.slice(open + 1, at).trimEnd().length;
      if (end - open > 2) spans.push({ start: open, end, closed: false });
      open = at;
    } else if (at - open > 2) {
      spans.push({ start: open, end: at + 1, closed: true });
      open = -1;
    }
  }
  if (open >= 0 && text.length - open > 2)
    spans.push({ start: open, end: text.trimEnd().length, closed: false });
  return spans;
}

/** The text with every quotation blanked out (same length), so verbs and names inside quotations are not read. */
export function outsideQuotes(text: string, quotes: QuoteSpan[]): string {
  let masked = text;
  for (const q of quotes)
    masked = masked.slice(0, q.start) + '\u2027'.repeat(q.end - q.start) + masked.slice(q.end);
  return masked;
}

/** How many words (with a letter) a text holds. */
export const wordCount = (text: string) => text.split(/\s+/).filter((w) => /\p{L}/u.test(w)).length;
