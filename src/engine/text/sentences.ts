/**
 * Sentence splitting that survives abbreviations ("U.S. President", "Mr.", "Jan."), decimals, initials
 * and quotations that span several sentences (a quotation stays inside the sentence that opens it).
 */
import { ABBREVIATIONS } from '../extract/lexicon.ts';

export interface SentenceSpan {
  text: string;
  /** Offset in the text given to splitSentences. */
  start: number;
  end: number;
}

const OPENING_QUOTES = '“‘«';
const CLOSING_QUOTES = '”’»';
const MAX_QUOTE_SPAN = 800;

function isAbbreviation(word: string): boolean {
  // After a dash or hyphen a capitalised abbreviation is a word of its own: "—Sen.", "then-Gov.", "mid-Jan."
  // (not "photo-op." or "Plan-B.").
  const afterDash = /[-–—]([A-Z][a-z]+)$/.exec(word);
  if (afterDash && ABBREVIATIONS.has((afterDash[1] as string).toLowerCase())) return true;
  const bare = word.replace(/^[("'“‘[]+/, '').toLowerCase();
  if (ABBREVIATIONS.has(bare)) return true;
  // Initials and dotted acronyms: "J", "U.S", "D.C"
  if (/^[a-z]$/i.test(bare)) return true;
  return /^(?:[a-z]\.)+[a-z]$/i.test(bare);
}

export function splitSentences(text: string): SentenceSpan[] {
  const spans: SentenceSpan[] = [];
  let start = 0;
  let quoteOpen = -1; // offset where the open quotation began
  let straightOpen = false;
  const push = (end: number) => {
    const raw = text.slice(start, end);
    const lead = raw.length - raw.trimStart().length;
    const trimmed = raw.trim();
    if (trimmed) spans.push({ text: trimmed, start: start + lead, end: start + lead + trimmed.length });
  };
  // Only quotation marks and sentence-ending punctuation matter: jump from one to the next.
  const SIGNIFICANT = /["“”«».!?]/g;
  for (let i = 0; i < text.length; i++) {
    SIGNIFICANT.lastIndex = i;
    const next = SIGNIFICANT.exec(text);
    if (!next) break;
    i = next.index;
    const ch = text[i] as string;
    if (ch === '"') {
      straightOpen = !straightOpen;
      quoteOpen = straightOpen ? i : -1;
      continue;
    }
    if (OPENING_QUOTES.includes(ch) && ch !== '‘') {
      quoteOpen = i;
      continue;
    }
    if (CLOSING_QUOTES.includes(ch) && ch !== '’') {
      quoteOpen = -1;
      continue;
    }
    if (ch !== '.' && ch !== '!' && ch !== '?') continue;
    // An unclosed quotation that runs too long was probably a stray mark: stop honouring it.
    if (quoteOpen >= 0 && i - quoteOpen > MAX_QUOTE_SPAN) {
      quoteOpen = -1;
      straightOpen = false;
    }
    // Swallow repeated punctuation and closing quotes/brackets: `spam."` ends after the quote.
    let j = i + 1;
    while (j < text.length && /[.!?]/.test(text[j] as string)) j++;
    let closesQuote = false;
    while (j < text.length && /["”’»)\]]/.test(text[j] as string)) {
      if (text[j] === '"' || text[j] === '”' || text[j] === '»') closesQuote = true;
      j++;
    }
    if (j < text.length && !/\s/.test(text[j] as string)) continue; // "3.5", "U.S.", "example.com"
    if (quoteOpen >= 0 && !closesQuote) continue; // still inside a quotation
    if (ch === '.') {
      let from = i;
      while (from > start && !/\s/.test(text[from - 1] as string)) from--;
      const word = text.slice(from, i);
      if (isAbbreviation(word)) {
        // After an abbreviation a sentence still ends if a clearly new sentence follows a dotted acronym
        // ("... in the U.S. The next day"), which we cannot tell apart reliably: keep them together.
        continue;
      }
    }
    let k = j;
    while (k < text.length && /\s/.test(text[k] as string)) k++;
    if (k < text.length && /[a-z]/.test(text[k] as string)) continue; // "... e.g. the", lowercase continuation
    if (closesQuote) {
      quoteOpen = -1;
      straightOpen = false;
    }
    push(j);
    start = j;
    i = j - 1; // the swallowed quotes and brackets are not read again
  }
  push(text.length);
  return spans;
}
