/**
 * The timeline of a knowledge base: every sentence with a time expression that can be placed on a calendar,
 * in date order, at the precision the text gives. "On March 5, 2025" is a day; "in March 2025" a month;
 * "three years ago" a year (the day chrono-node works out for it is not what the text says); "last week" a
 * week; "the 1990s" a decade. Expressions that cannot be placed in a year ("in May", "for two years",
 * "the 18th century", "300 BC") are left out rather than guessed.
 */
import type { KbView, Sentence } from '../index/kb-view.ts';
import type { Citation } from './answer.ts';
import { MONTH_ABBREVIATIONS } from './extract/lexicon.ts';
import type { TimeKind } from './extract/times.ts';
import { terms } from './text/terms.ts';

export type DatePrecision = 'day' | 'week' | 'month' | 'year' | 'decade';

export interface TimelineEvent {
  /** Sortable: YYYY, YYYY-MM or YYYY-MM-DD, as precise as the text (a decade is its first year). */
  date: string;
  precision: DatePrecision;
  /** The date as people write it, at that precision: "5 March 2025", "March 2025", "2025", "the 1990s". */
  label: string;
  /** The time expression as written in the document. */
  when: string;
  /** The sentence, verbatim. */
  text: string;
  citation: Citation;
}

const MONTH_NAMES = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
const MONTH_WORD = /\b(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?/;
const YEAR_WORD = /\b(1[0-9]\d\d|20\d\d)(?!\d)/g;
const ERA_WORD = /\b(?:BC|BCE|AD|CE|B\.C\.|A\.D\.)(?!\w)|centur/i;
const DECADE = /\b(1[0-9]\d0|20\d0)s\b/;
/** "every Saturday", "each June": a habit, not an event. */
const RECURRING_BEFORE = /\b(?:every|each)\s+$/i;

type Placed = Pick<TimelineEvent, 'date' | 'precision' | 'label'>;

function dayLabel(iso: string): string {
  const [year, month, day] = iso.split('-');
  return `${Number(day)} ${MONTH_NAMES[Number(month) - 1]} ${year}`;
}

function monthLabel(year: string, month: number): string {
  return `${MONTH_NAMES[month - 1]} ${year}`;
}

/** A relative expression resolved to a day, at the precision of its unit. */
function placeRelative(text: string, date: string): Placed {
  const lower = text.toLowerCase();
  if (/\b(?:years?|decades?|centur(?:y|ies))\b/.test(lower))
    return { date: date.slice(0, 4), precision: 'year', label: date.slice(0, 4) };
  if (/\bmonths?\b/.test(lower))
    return {
      date: date.slice(0, 7),
      precision: 'month',
      label: monthLabel(date.slice(0, 4), Number(date.slice(5, 7))),
    };
  if (/\bweeks?\b/.test(lower)) return { date, precision: 'week', label: `the week of ${dayLabel(date)}` };
  return { date, precision: 'day', label: dayLabel(date) };
}

/** Where a time expression goes on the calendar, or undefined when the text does not say which year. */
export function placeTime(text: string, kind: TimeKind, date: string | undefined): Placed | undefined {
  if (kind === 'duration' || ERA_WORD.test(text)) return undefined;
  if (kind === 'relative') return date ? placeRelative(text, date) : undefined;
  if (kind === 'date' || kind === 'weekday')
    return date ? { date, precision: 'day', label: dayLabel(date) } : undefined;
  const years = [...text.matchAll(YEAR_WORD)].map((m) => m[1] as string);
  const first = years[0];
  if (!first) return undefined;
  if (kind === 'month') {
    const month = MONTH_WORD.exec(text)?.[1];
    if (!month) return { date: first, precision: 'year', label: first };
    const index = MONTH_ABBREVIATIONS.indexOf(month.toLowerCase()) + 1;
    return {
      date: `${first}-${String(index).padStart(2, '0')}`,
      precision: 'month',
      label: monthLabel(first, index),
    };
  }
  const decade = DECADE.exec(text)?.[1];
  if (decade) return { date: decade, precision: 'decade', label: `the ${decade}s` };
  const last = years.at(-1) as string;
  return { date: first, precision: 'year', label: last === first ? first : `${first}–${last}` };
}

/** Paragraphs (global indexes) whose text has every word of `about`; undefined when `about` is empty. */
function paragraphsAbout(view: KbView, about: string): Set<number> | undefined {
  const wanted = terms(about);
  return wanted.length === 0 ? undefined : view.paragraphsWithAll(wanted);
}

function citationOf(view: KbView, sentence: Sentence): Citation {
  const doc = view.documentOf(sentence);
  const citation: Citation = {
    document: doc.id,
    title: doc.title,
    paragraph: view.paragraphOf(sentence).number,
    sentence: sentence.number,
  };
  if (doc.source) citation.source = doc.source;
  return citation;
}

/**
 * The dated events, in date order (then by document and position). `about`: only the events of paragraphs
 * that contain all its words.
 */
export function buildTimeline(view: KbView, about = ''): TimelineEvent[] {
  const paragraphs = paragraphsAbout(view, about);
  const events: (TimelineEvent & { order: number })[] = [];
  const seen = new Set<string>();
  for (let order = 0; order < view.timeCount; order++) {
    const time = view.time(order);
    const sentence = view.sentence(time.sentence);
    if (paragraphs && !paragraphs.has(sentence.paragraph)) continue;
    const body = view.bodyOf(sentence);
    const when = body.slice(time.start, time.end);
    if (RECURRING_BEFORE.test(body.slice(Math.max(0, time.start - 10), time.start))) continue;
    const placed = placeTime(when, time.kind, time.date);
    // One event per sentence and date: "from May 1, 2024 to May 1, 2024" is one.
    const key = `${time.sentence}\t${placed?.date}`;
    if (!placed || seen.has(key)) continue;
    seen.add(key);
    const text = view.text(sentence).replace(/\s+/g, ' ').trim();
    events.push({ ...placed, when, text, citation: citationOf(view, sentence), order });
  }
  events.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.order - b.order));
  return events.map(({ order: _order, ...event }) => event);
}
