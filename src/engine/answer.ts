/**
 * The Answer contract: plain data produced by the engine and rendered at the edge
 * (terminal text, JSON, Discord embeds). Other tools parse the JSON form, so the
 * field names here are a public contract: add fields, never rename them.
 */

export const COMMANDS = ['who', 'when', 'quote', 'search'] as const;
export type Command = (typeof COMMANDS)[number];

export function isCommand(value: string): value is Command {
  return (COMMANDS as readonly string[]).includes(value);
}

export interface Citation {
  /** Document id: the file name without its extension. */
  document: string;
  title: string;
  /** 1-based paragraph of the document body (front matter and headings do not count). */
  paragraph: number;
  /** 1-based sentence within the paragraph that holds the highlight (where it starts). */
  sentence: number;
  /** The document's `source` URL, when its front matter gives one. */
  source?: string;
}

export interface AnswerResult {
  /** Verbatim text of the document, at most EXCERPT_MAX_CHARS characters. */
  excerpt: string;
  /** The part of the excerpt that answers; always a substring of `excerpt`. */
  highlight: string;
  /** Quote results only: who said it. */
  speaker?: string;
  /**
   * Quote results only: `direct` for a quotation in quotation marks, `reported` for a statement the text reports
   * in its own words ("Lee said the talks would resume", "according to Lee, …").
   */
  kind?: 'direct' | 'reported';
  /**
   * When results only: the calendar date the time expression resolves to, only as precise as the text gives
   * it: YYYY-MM-DD (a day, or a weekend's Saturday), YYYY-MM (a month), YYYY (a year: "three years ago").
   */
  date?: string;
  /**
   * When results only: how precise the time expression is — `day`, `month`, `year`, or a span: `weekend`,
   * `range` (from one time to another, a decade, a century), `relative` (no calendar time: "in recent
   * weeks"), `duration` (a length of time). Renderers show `date` only as precisely as this says
   * (shownDate; a `date` of JSON from before issue 19 may name a day for "three years ago").
   */
  precision?: TimePrecision;
  citation: Citation;
  score: number;
  /** True when the excerpt stops inside a sentence (to stay within its bound): renderers add an ellipsis. */
  truncated?: boolean;
  /**
   * True when the excerpt starts inside a sentence: a sentence too long to show whole, with the answer past
   * the bound from its start. Renderers put an ellipsis before it.
   */
  truncatedStart?: boolean;
}

export type TimePrecision = 'day' | 'month' | 'year' | 'weekend' | 'range' | 'relative' | 'duration';

/**
 * A result's date as precisely as its expression says: "2025-06-04" (day), "2025-06" (month), "2022"
 * (year), "weekend of 2025-05-31"; nothing for a relative time, a range or a duration, nor without a date.
 * Results without a precision (JSON from before it existed) show their date whole.
 */
export function shownDate(result: Pick<AnswerResult, 'date' | 'precision'>): string | undefined {
  const { date, precision } = result;
  if (!date) return undefined;
  switch (precision) {
    case undefined:
    case 'day':
      return date;
    case 'month':
      return date.slice(0, 7);
    case 'year':
      return date.slice(0, 4);
    case 'weekend':
      return `weekend of ${date}`;
    default:
      return undefined;
  }
}

/** How a "not found" summary offers its suggestions ("... Did you mean Ann Lee?"); renderers look for it. */
export const DID_YOU_MEAN = 'Did you mean';

export interface Answer {
  command: Command;
  query: string;
  found: boolean;
  /** One line that answers (or says why nothing was found). */
  summary: string;
  /** Best first, at most the requested limit. */
  results: AnswerResult[];
  /** "Did you mean" names or terms, mostly for not-found answers. */
  suggestions: string[];
  /**
   * Set when answering failed on an unexpected error (a bug, not the query): the id under which the error was
   * logged. `found` is false and the summary says that something went wrong, not that nothing was found.
   */
  errorId?: string;
}

export const EXCERPT_MAX_CHARS = 500;
/** How many results an answer holds when the caller does not say. */
export const DEFAULT_LIMIT = 3;
/** Most results one answer may hold; a larger requested limit is lowered to this. */
export const MAX_LIMIT = 25;
/** Longest query the engine looks at; longer input is cut here, not rejected. */
export const QUERY_MAX_CHARS = 500;
/** Longest summary: one line that answers, cut at a word beyond this. */
export const SUMMARY_MAX_CHARS = 120;
