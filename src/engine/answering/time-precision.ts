/** How precise a time expression is (AnswerResult.precision), from its kind and its words. */

import type { TimePrecision } from '../answer.ts';
import type { TimeKind } from '../extract/times.ts';

/** From one time to another ("1990–1995", "May through July"), a decade, a century. */
const RANGE = /\b(?:between|from|through|until)\b|[–—-]\s*\d|\d0s\b|centur/i;
const DAY_WORD =
  /\b(?:yesterday|today|tomorrow|tonight)\b|\bdays?\s+(?:ago|earlier|later|before|after)\b|\bthe\s+(?:previous|following|next)\s+day\b|\bthis\s+(?:morning|afternoon|evening)\b/i;
const MONTHS_AWAY = /\bmonths?\s+(?:ago|earlier|later|before|after|from now)\b/i;
const YEARS_AWAY = /\b(?:years?|decades?|centur(?:y|ies))\s+(?:ago|earlier|later|before|after|from now)\b/i;

export function timePrecision(kind: TimeKind, text: string): TimePrecision {
  switch (kind) {
    case 'date':
    case 'weekday':
      return 'day';
    case 'month':
      return RANGE.test(text) ? 'range' : 'month';
    case 'year':
      return RANGE.test(text) ? 'range' : 'year';
    case 'duration':
      return 'duration';
    case 'relative':
      if (/weekend/i.test(text)) return 'weekend';
      if (DAY_WORD.test(text)) return 'day';
      if (MONTHS_AWAY.test(text)) return 'month';
      if (YEARS_AWAY.test(text)) return 'year';
      return 'relative';
  }
}

const NUMBERS: Record<string, number> = {
  a: 1,
  an: 1,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  fifteen: 15,
  twenty: 20,
  thirty: 30,
  forty: 40,
  fifty: 50,
};
const LENGTH = /\b(\d+(?:\.\d+)?|[a-z]+)(\s+and\s+a\s+half)?\s+(year|month|week|day)s?\b/i;
const DAYS_IN: Record<string, number> = { year: 365.25, month: 30.44, week: 7, day: 1 };
/** A length of time up to now: "has persisted for three years", "have been at war for a decade". */
const UP_TO_NOW = /\b(?:has|have|had|'s|'ve)\s+(?:been\s+)?(?:[\p{L}-]+\s+){0,2}(?:for|over)\s+$/iu;

/**
 * When a length of time up to the document's publication began: "a conflict that has persisted for nearly
 * three and a half years", published 2025-06-04, began about 2022 (the date at the precision of the unit:
 * year, month or day). Null for a length not told up to now (`before`: the sentence's text before it) or not
 * counted ("several years").
 */
export function startOfLength(
  text: string,
  before: string,
  published: string | undefined,
): { date: string; precision: TimePrecision } | null {
  const m = LENGTH.exec(text);
  if (!m || !published || !UP_TO_NOW.test(before)) return null;
  const word = (m[1] as string).toLowerCase();
  const count = (/^\d/.test(word) ? Number(word) : NUMBERS[word]) ?? Number.NaN;
  if (!Number.isFinite(count)) return null;
  const unit = (m[3] as string).toLowerCase();
  const days = (count + (m[2] ? 0.5 : 0)) * (DAYS_IN[unit] ?? 1);
  const start = new Date(new Date(`${published}T12:00:00Z`).getTime() - days * 86_400_000);
  if (unit === 'year') {
    // whole years back from the year of publication; a half to the nearest year (3.5 before mid-2025: 2022)
    const fromYear = Number(published.slice(0, 4));
    const year = m[2] ? Math.round(start.getUTCFullYear() + start.getUTCMonth() / 12) : fromYear - count;
    return { date: String(year), precision: 'year' };
  }
  if (unit === 'month') return { date: start.toISOString().slice(0, 7), precision: 'month' };
  return { date: start.toISOString().slice(0, 10), precision: 'day' };
}

/**
 * The date as precisely as the text gives it: "2022" for "three years ago" (precision year), "2025-05" for a
 * month, the day for a day or a weekend; none for a relative time, a range or a length of time.
 */
export function dateAtPrecision(date: string | undefined, precision: TimePrecision): string | undefined {
  if (!date) return undefined;
  switch (precision) {
    case 'day':
    case 'weekend':
      return date.length === 10 ? date : undefined;
    case 'month':
      return date.length >= 7 ? date.slice(0, 7) : undefined;
    case 'year':
      return date.slice(0, 4);
    default:
      return undefined;
  }
}
