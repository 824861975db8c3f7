/**
 * The timeline of a knowledge base: every sentence with a time expression that can be placed on a calendar,
 * in date order, at the precision the text gives. "On March 5, 2025" is a day; "in March 2025" a month;
 * "three years ago" a year (the day chrono-node works out for it is not what the text says); "last week" a
 * week; "the 1990s" a decade. Expressions that cannot be placed in a year ("in May", "for two years",
 * "the 18th century", "300 BC") are left out rather than guessed.
 */
import type { KbData, SentenceData, TimeData } from '../index/kb-data.ts';
import type { Citation } from './answer.ts';
import { MONTH_ABBREVIATIONS } from './extract/lexicon.ts';
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

/** What the timeline reads of a knowledge base's built data. */
export type TimelineData = Pick<KbData, 'documents' | 'paragraphs' | 'sentences' | 'times' | 'index'>;

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
export function placeTime(
  text: string,
  kind: TimeData['kind'],
  date: string | undefined,
): Placed | undefined {
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
function paragraphsAbout(data: TimelineData, about: string): Set<number> | undefined {
  const wanted = terms(about);
  if (wanted.length === 0) return undefined;
  const hits = data.index.search(wanted.join(' '), { combineWith: 'AND' });
  return new Set(hits.map((hit) => hit.id as number));
}

function citationOf(data: TimelineData, sentence: SentenceData): Citation {
  const doc = data.documents[sentence.d];
  const citation: Citation = {
    document: doc?.id ?? '',
    title: doc?.title ?? '',
    paragraph: data.paragraphs[sentence.p]?.index ?? 1,
    sentence: sentence.n,
  };
  if (doc?.source) citation.source = doc.source;
  return citation;
}

/**
 * The dated events, in date order (then by document and position). `about`: only the events of paragraphs
 * that contain all its words.
 */
export function buildTimeline(data: TimelineData, about = ''): TimelineEvent[] {
  const paragraphs = paragraphsAbout(data, about);
  const events: (TimelineEvent & { order: number })[] = [];
  const seen = new Set<string>();
  for (const [order, time] of data.times.entries()) {
    const sentence = data.sentences[time.s];
    const doc = sentence && data.documents[sentence.d];
    if (!sentence || !doc || (paragraphs && !paragraphs.has(sentence.p))) continue;
    const when = doc.body.slice(time.start, time.end);
    if (RECURRING_BEFORE.test(doc.body.slice(Math.max(0, time.start - 10), time.start))) continue;
    const placed = placeTime(when, time.kind, time.date);
    // One event per sentence and date: "from May 1, 2024 to May 1, 2024" is one.
    const key = `${time.s}\t${placed?.date}`;
    if (!placed || seen.has(key)) continue;
    seen.add(key);
    const text = doc.body.slice(sentence.start, sentence.end).replace(/\s+/g, ' ').trim();
    events.push({ ...placed, when, text, citation: citationOf(data, sentence), order });
  }
  events.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.order - b.order));
  return events.map(({ order: _order, ...event }) => event);
}
