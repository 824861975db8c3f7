/**
 * Time expressions: dates, months, years, decades, centuries, weekdays and relative expressions
 * ("over the weekend", "three years ago", "nearly three and a half years", "since May 19", "next Monday").
 * Found with regular expressions (cheap enough for every sentence); resolved to a calendar date against the
 * document's `published` date with chrono-node, only for the few expressions that need it.
 */
import * as chrono from 'chrono-node';
import {
  CALENDAR_PREFIXES,
  capitalisedAlternation,
  LOWERCASE_CALENDAR_WORD,
  MONTH_ABBREVIATIONS,
  MONTH_PATTERN,
  WEEKDAY_PATTERN,
} from './lexicon.ts';

export type TimeKind = 'date' | 'month' | 'year' | 'weekday' | 'relative' | 'duration';

export interface TimeSpan {
  start: number;
  end: number;
  text: string;
  kind: TimeKind;
  /** YYYY-MM-DD when the expression names (or resolves to) one day. */
  date?: string;
}

const MONTH = MONTH_PATTERN;
const WEEKDAY = WEEKDAY_PATTERN;
const DAY = '(?:[12]\\d|3[01]|0?[1-9])(?:st|nd|rd|th)?';
const YEAR = '(?:1[0-9]\\d\\d|20\\d\\d)';
const ERA = '(?:\\s*(?:BCE|BC|AD|CE|B\\.C\\.|A\\.D\\.))';
const NUMBER_WORD =
  '(?:\\d+(?:\\.\\d+)?(?:\\s*[–-]\\s*\\d+(?:\\.\\d+)?)?(?:\\s+(?:thousand|million|billion))?|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|a hundred|several|a few|a couple of|many|some)';
const UNIT = '(?:years?|months?|weeks?|days?|decades?|centur(?:y|ies)|hours?|minutes?)';
const APPROX =
  '(?:(?:about|nearly|almost|roughly|around|some|over|just over|just under|more than|less than|at least|up to)\\s+)';
const EDGE =
  '(?:(?:early|late|mid|middle|the end of|the beginning of|the start of|the middle of|(?:the\\s+)?(?:first|second|last|latter)\\s+half\\s+of|(?:the\\s+)?(?:first|last)\\s+(?:two|three)\\s+quarters\\s+of|(?:a\\s+(?:good|large)\\s+)?part\\s+of|much\\s+of|most\\s+of)[- ]?(?:in\\s+)?)';
const SEASON = '(?:spring|summer|autumn|fall|winter)';
const CLOCK = '(?:\\d{1,2}(?::\\d\\d)?\\s*[ap]\\.m\\.?|\\d{1,2}:\\d\\d|noon|midnight)';
const PART_OF_DAY = '(?:(?:early|late|mid-?)\\s*)?(?:morning|afternoon|evening|night)';
const QUARTER_ORDINAL = '(?:first|second|third|fourth|1st|2nd|3rd|4th)';
const TENS_WORD = '(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)';
const DIGIT_WORD = '(?:one|two|three|four|five|six|seven|eight|nine)';
/** A year read out ("nineteen ninety-six", "eighteen twelve"): transcribed broadcasts write years so. */
const YEAR_IN_WORDS = `(?:eighteen|nineteen)[- ](?:ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|${TENS_WORD}(?:[- ]${DIGIT_WORD})?)`;
const ORDINAL =
  '(?:\\d{1,2}(?:st|nd|rd|th)|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|twentieth|twenty-first)';

/** Most specific first: at one position the first alternative that matches wins. */
const PATTERNS: [TimeKind, string][] = [
  ['date', `(?:since\\s+)?${EDGE}?${MONTH}\\s+${DAY},?\\s+${YEAR}\\b`],
  ['date', `(?:since\\s+)?${DAY}\\s+(?:of\\s+)?${MONTH},?\\s+${YEAR}\\b`],
  ['date', `(?:since\\s+)?${WEEKDAY},?\\s+${MONTH}\\s+${DAY}(?:,?\\s+${YEAR})?\\b`],
  [
    'weekday',
    `(?:(?:at|around|about|by|until|since)\\s+)?(?:${CLOCK}|${PART_OF_DAY})\\s+(?:(?:on|last|next|this)\\s+)?${WEEKDAY}`,
  ],
  [
    'relative',
    `(?:(?:at|around|about|by|until|since)\\s+)?(?:${CLOCK}|${PART_OF_DAY})\\s+(?:yesterday|today|tomorrow)\\b`,
  ],
  [
    'year',
    `(?:the\\s+)?(?:(?:${YEAR}|fiscal)\\s+)?${QUARTER_ORDINAL}[- ]quarters?\\s+of\\s+(?:fiscal\\s+)?${YEAR}\\b`,
  ],
  ['year', `(?:the\\s+)?${YEAR}\\s+(?:${QUARTER_ORDINAL}[- ])?(?:quarter|period|half)\\b`],
  ['year', `\\bfiscal(?:\\s+year)?\\s+(?:${YEAR}|'?\\d\\d)\\b`],
  ['month', `${MONTH}\\s+(?:of\\s+)?(?:last|this|next)\\s+year\\b`],
  ['year', `(?:between\\s+${YEAR}\\s+and|from\\s+${YEAR}\\s+(?:to|until))\\s+${YEAR}\\b${ERA}?`],
  ['year', `(?:since\\s+)?${YEAR}\\s*(?:–|—|-|to|until)\\s*(?:${YEAR}|\\d\\d)\\b${ERA}?`],
  [
    'month',
    `(?:the\\s+)?(?:first|second|third|fourth|last)\\s+(?:week(?:end)?|${WEEKDAY})\\s+(?:of|in)\\s+${MONTH}`,
  ],
  ['month', `(?:every|each)\\s+${MONTH}\\b`],
  ['month', `(?:since\\s+)?${EDGE}?${MONTH}\\s+(?:of\\s+)?${YEAR}\\b`],
  ['month', `(?:since\\s+)?${EDGE}?${SEASON}\\s+(?:of\\s+)?${YEAR}(?:\\s*[–-]\\s*\\d{2,4})?\\b`],
  ['month', `${MONTH}\\s+(?:through|to|until|–|-)\\s+${MONTH}`],
  [
    'date',
    `\\b(?:(?:Christmas|New Year's|New Year’s)(?:\\s+(?:Eve|Day))?|Easter(?:\\s+Sunday)?|Thanksgiving(?:\\s+Day)?|Halloween)\\b`,
  ],
  ['date', `(?:since\\s+)?${MONTH}\\s+${DAY}\\b(?!\\s*(?:%|percent))`],
  ['date', `(?:since\\s+)?${DAY}\\s+(?:of\\s+)?${MONTH}`],
  [
    'weekday',
    `(?:(?:next|last|this|since|on|early|late|(?:the\\s+)?(?:previous|following|coming))\\s+)?${WEEKDAY}(?:\\s+(?:morning|afternoon|evening|night))?`,
  ],
  ['year', `(?:the\\s+)?${EDGE}?(?:the\\s+)?(?:1[0-9]\\d0|20\\d0|['’]\\d0)s\\b`],
  ['year', `(?:the\\s+)?${EDGE}?(?:${SEASON}\\s+of\\s+)?\\b${YEAR_IN_WORDS}\\b`],
  [
    'year',
    `\\bthe\\s+${EDGE}?(?:(?:eighteen|nineteen)[- ])?(?:twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties)\\b`,
  ],
  [
    'year',
    `(?:the\\s+)?${EDGE}?(?:the\\s+)?${ORDINAL}(?:\\s+(?:to|and|–|-)\\s+${ORDINAL})?[- ]centur(?:y|ies)${ERA}?`,
  ],
  [
    'year',
    `(?:since\\s+)?${EDGE}?(?:${SEASON}\\s+(?:of\\s+)?)?\\b${YEAR}\\b${ERA}?(?![,.]?\\d)(?:\\s+and\\s+beyond\\b)?`,
  ],
  [
    'year',
    `(?:(?:since|until|before|after)\\s+)?the\\s+${YEAR}\\s+(?:[\\w'-]+\\s+){0,2}?(?:world\\s+cup(?:\\s+finals?)?|finals?|games|elections?|championships?|season|tournament|crash|war|olympics|summit|census|budget|campaign)\\b`,
  ],
  ['year', `\\b(?:AD|A\\.D\\.)\\s+\\d{1,4}\\b|\\b\\d{1,4}\\s+(?:BC|BCE|B\\.C\\.)`],
  [
    'month',
    `\\b(?:(?:since|until|by|from|in|for|of|during|through|before|after|early|late|mid-?|last|this|next|this past)\\s+|${EDGE}|(?<=\\ban? ))${MONTH}\\b(?!\\s+\\d)(?:\\s+(?:last|this|next)\\s+year\\b)?`,
  ],
  ['relative', `(?:over|during|on|at)\\s+the\\s+(?:past\\s+|last\\s+)?weekend(?!\\s+(?:of|in)\\b)`],
  ['relative', `(?:over|during|in|through)\\s+the\\s+${SEASON}\\b(?!\\s+(?:of|in)\\b)`],
  [
    'relative',
    `(?:(?:at|around|about|by|until|since|before|after|shortly\\s+(?:before|after))\\s+)?\\d{1,2}(?::\\d\\d)?\\s*[ap]\\.m\\.?`,
  ],
  [
    'relative',
    `${APPROX}?${NUMBER_WORD}(?:\\s+and\\s+a\\s+half)?\\s+${UNIT}\\s+(?:ago|earlier|later|before|after|from now)\\b`,
  ],
  [
    'relative',
    `(?:in|over|during)\\s+(?:recent|(?:the\\s+)?(?:past|last|coming|next)(?:\\s+(?:few|several|two|three))?)\\s+${UNIT}(?:\\s+(?:and|or)\\s+${UNIT}|\\s+or\\s+so\\b)?(?!['’]s\\s+(?:${QUARTER_ORDINAL}[- ])?quarter)`,
  ],
  [
    'relative',
    `(?:(?:early|late|later|earlier|mid-?|sometime|the end of|the beginning of|the start of|the rest of)\\s+)?(?:last|next|this|this past|past|previous|following|coming)\\s+(?:(?:week|month|year|decade|quarter)s?|weekend|${SEASON})\\b(?!['’]s\\s+(?:${QUARTER_ORDINAL}[- ])?quarter)(?:\\s+or\\s+so\\b)?`,
  ],
  ['relative', `(?:later\\s+|earlier\\s+)?this\\s+(?:morning|afternoon|evening)`],
  [
    'relative',
    `(?:(?:the|its|their|this|(?:last|next|this)\\s+year['’]s)\\s+)?(?:(?:latest|current|comparable|same|previous|year-earlier|year-ago|fiscal)\\s+)?(?:${QUARTER_ORDINAL}[- ])quarter\\b`,
  ],
  [
    'relative',
    `(?:the|this)\\s+(?:(?:latest|current|comparable|year-earlier|year-ago|recent|fiscal|full)\\s+(?:quarter|period|year)|quarter)\\b`,
  ],
  ['relative', `\\b(?:around|at|by|before|after|until|near|toward|towards)\\s+(?:the\\s+)?year[- ]end\\b`],
  ['relative', `\\b(?:in\\s+)?(?:future|coming|past)\\s+(?:quarters|years|months|weeks|decades)\\b`],
  ['relative', `\\bfor\\s+the\\s+(?:year|week|month)\\b(?!\\s+(?:\\d|of\\b|before|after|earlier|ago|later))`],
  ['relative', `\\bthe\\s+(?:year|week|month)(?=['’]s\\b|\\s+end(?:ed|ing)\\b)`],
  ['relative', `\\b(?:(?:more|most|until|only|very)\\s+)?(?:recently|lately)\\b`],
  ['relative', `\\b(?:now|currently|nowadays|these days|overnight|previously|year-(?:earlier|ago))\\b`],
  ['relative', `\\bfrom\\s+time\\s+to\\s+time\\b`],
  ['relative', `\\brecent(?:\\s+${UNIT}(?:\\s+(?:and|or)\\s+${UNIT})?)?\\b`],
  [
    'relative',
    `(?:in\\s+)?the\\s+past\\b(?![\\s-]+(?:[\\w-]+\\s+){0,2}?(?:${UNIT}|weekends?|quarters?|${SEASON})\\b)`,
  ],
  [
    'relative',
    `(?:(?:earlier|later)\\s+(?:in\\s+)?(?:the|this)\\s+(?:day|week|month|year|decade|century)|(?:at\\s+)?a\\s+later\\s+date)\\b`,
  ],
  ['relative', `\\b(?:yesterday|today|tomorrow|tonight)\\b`],
  ['relative', `the\\s+(?:previous|following|next)\\s+(?:day|week|month|year)`],
  ['duration', `${APPROX}?${NUMBER_WORD}(?:\\s+and\\s+a\\s+half)?\\s+${UNIT}\\b`],
];

const COMBINED = new RegExp(PATTERNS.map(([, p]) => `(${p})`).join('|'), 'gi');
const KINDS = PATTERNS.map(([k]) => k);

const MONTH_INDEX: Record<string, number> = {};
for (const [i, m] of MONTH_ABBREVIATIONS.entries()) MONTH_INDEX[m] = i + 1;

const MONTH_NAME = new RegExp(`\\b(${capitalisedAlternation(MONTH_ABBREVIATIONS)})[a-z]*\\.?`);

const pad = (n: number) => String(n).padStart(2, '0');

function explicitDate(text: string): string | undefined {
  const year = /\b(1[0-9]\d\d|20\d\d)\b/.exec(text)?.[1];
  const month = MONTH_NAME.exec(text)?.[1];
  const day = /(?:^|\D)(\d{1,2})(?:st|nd|rd|th)?(?!\d)/.exec(text.replace(/\b\d{4}\b/g, ''))?.[1];
  if (!year || !month || !day) return undefined;
  const m = MONTH_INDEX[month.toLowerCase()] as number;
  const d = Number(day);
  const iso = `${year}-${pad(m)}-${pad(d)}`;
  const check = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(check.getTime()) && check.toISOString().startsWith(iso) ? iso : undefined;
}

const resolved = new Map<string, string | undefined>();

/** The day a relative or partial expression means, seen from the publication date. */
function resolveAgainst(text: string, kind: TimeKind, published: string): string | undefined {
  if (kind === 'duration' || kind === 'month' || kind === 'year') return undefined;
  const key = `${published}|${text.toLowerCase()}`;
  if (resolved.has(key)) return resolved.get(key);
  const ref = new Date(`${published}T12:00:00Z`);
  let date: string | undefined;
  const lower = text.toLowerCase();
  if (/weekend/.test(lower) && !/next|coming|this/.test(lower)) {
    // past tense news: the Saturday before the publication date
    const back = (ref.getUTCDay() + 1) % 7 || 7;
    date = new Date(ref.getTime() - back * 86_400_000).toISOString().slice(0, 10);
  } else if (
    !/recent|past|last few|weeks$|months$|years$|^this (?:week|month|year)$|\b(?:now|currently|nowadays|these days|quarter|period)\b/.test(
      lower,
    ) ||
    /ago|earlier|later/.test(lower)
  ) {
    const parsed = chrono.parse(text.replace(/^since\s+/i, ''), { instant: ref, timezone: 0 });
    const first = parsed[0];
    if (
      first &&
      (first.start.isCertain('day') ||
        first.start.isCertain('weekday') ||
        /ago|yesterday|today|tomorrow|next|last/.test(lower))
    )
      date = first.start.date().toISOString().slice(0, 10);
  }
  resolved.set(key, date);
  return date;
}

/** Every pattern needs a digit or one of these words: most sentences are skipped by this one cheap test. */
const MAYBE_TIME = new RegExp(
  `\\d|\\b(?:${capitalisedAlternation(CALENDAR_PREFIXES)}|Christmas|New Year|Easter|Thanksgiving|Halloween)`,
);
const MAYBE_TIME_WORD =
  /\b(?:today|tonight|tomorrow|yesterday|days?|weeks?|weekend|months?|years?|decades?|centur(?:y|ies)|hours?|minutes?|spring|summer|autumn|fall|winter|now|currently|recently|recent|year-earlier|year-ago|[ap]\.m|lately|previously|past|nowadays|overnight|quarters?|later|future|eighteen|nineteen|(?:twen|thir|for|fif|six|seven|eigh|nine)ties|noon|midnight|morning|afternoon|evening|from time to time)\b/i;

/** A holiday's name in lowercase is not one ("christmas trees" may be; the patterns ignore case). */
const LOWERCASE_HOLIDAY = /\b(?:christmas|new year|easter|thanksgiving|halloween)\b/;

export function findTimeSpans(sentence: string, published?: string): TimeSpan[] {
  const spans: TimeSpan[] = [];
  if (!MAYBE_TIME.test(sentence) && !MAYBE_TIME_WORD.test(sentence)) return spans;
  for (const m of sentence.matchAll(COMBINED)) {
    const group = m.findIndex((g, i) => i > 0 && g !== undefined);
    const kind = KINDS[group - 1] as TimeKind;
    const text = m[0];
    const start = m.index;
    // the patterns ignore case for "Since", "Over the"; month and weekday names must still be capitalised ("may")
    // "the Quarter" is a part of a town
    if (LOWERCASE_CALENDAR_WORD.test(text) || LOWERCASE_HOLIDAY.test(text) || /Quarter/.test(text)) continue;
    // "previously" opening a sentence dates it; inside one it mostly qualifies a participle ("previously announced")
    if (text === 'previously') continue;
    const span: TimeSpan = { start, end: start + text.length, text, kind };
    // a year or a month names no day
    if (kind !== 'year' && kind !== 'month') {
      const date = explicitDate(text) ?? (published ? resolveAgainst(text, kind, published) : undefined);
      if (date) span.date = date;
    }
    spans.push(span);
  }
  return spans;
}
