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
