/**
 * The per-record data of a knowledge base (paragraphs, sentences, mentions, times, quotations) as columns: one
 * typed array per field, the record's id its position. At 100k news passages there are millions of these
 * records; as objects they were millions of small allocations to parse from a snapshot and for the garbage
 * collector to trace, while as columns a warm start allocates a few dozen arrays, copied straight from the
 * snapshot's bytes (json-chunks.ts). Answering reads them through kb-view.ts.
 *
 * A sentence's mentions, times and quotations are numbered in text order, sentence after sentence, so each
 * sentence's are a run of ids: `mentionsFrom[s]` up to `mentionsFrom[s + 1]` (offsets, one more than sentences).
 * A sentence's mentions by name, alias or description come first, then its pronouns (via 'pronoun'), each in text
 * order.
 */
import type { TimeKind } from '../engine/extract/times.ts';

export interface ParagraphColumns {
  document: Int32Array;
  /** 1-based paragraph number in its document */
  number: Int32Array;
  /** first sentence id, -1 when it has none */
  first: Int32Array;
  count: Int32Array;
}

export interface SentenceColumns {
  document: Int32Array;
  /** global paragraph index */
  paragraph: Int32Array;
  /** 1-based sentence number in its paragraph */
  number: Int32Array;
  start: Int32Array;
  end: Int32Array;
  mentionsFrom: Int32Array;
  timesFrom: Int32Array;
  quotesFrom: Int32Array;
}

export const MENTION_VIAS = ['name', 'alias', 'description', 'pronoun'] as const;
export type MentionVia = (typeof MENTION_VIAS)[number];

export interface MentionColumns {
  sentence: Int32Array;
  start: Int32Array;
  end: Int32Array;
  /** Start of the name itself, after any role. */
  nameStart: Int32Array;
  entity: Int32Array;
  /** index in MENTION_VIAS */
  via: Uint8Array;
  /** 1 for a possessive ("Lee's") */
  possessive: Uint8Array;
}

export const TIME_KINDS: readonly TimeKind[] = ['date', 'month', 'year', 'weekday', 'relative', 'duration'];

export interface TimeColumns {
  sentence: Int32Array;
  start: Int32Array;
  end: Int32Array;
  /** index in TIME_KINDS */
  kind: Uint8Array;
  /** index in `dates`, -1 when the time resolves to no date */
  date: Int32Array;
  /** The distinct calendar dates (YYYY-MM-DD), far fewer than times. */
  dates: string[];
}

export interface QuoteColumns {
  sentence: Int32Array;
  start: Int32Array;
  end: Int32Array;
  /** entity id, -1 when no speaker was found */
  speaker: Int32Array;
}

export interface RecordColumns {
  paragraphs: ParagraphColumns;
  sentences: SentenceColumns;
  mentions: MentionColumns;
  times: TimeColumns;
  quotes: QuoteColumns;
}

/** Plain number lists while building; `toColumns` packs them. */
type Growing<T> = { [K in keyof T]: T[K] extends string[] ? string[] : number[] };

export type GrowingColumns = { [K in keyof RecordColumns]: Growing<RecordColumns[K]> };

export function growingColumns(): GrowingColumns {
  return {
    paragraphs: { document: [], number: [], first: [], count: [] },
    sentences: {
      document: [],
      paragraph: [],
      number: [],
      start: [],
      end: [],
      mentionsFrom: [0],
      timesFrom: [0],
      quotesFrom: [0],
    },
    mentions: { sentence: [], start: [], end: [], nameStart: [], entity: [], via: [], possessive: [] },
    times: { sentence: [], start: [], end: [], kind: [], date: [], dates: [] },
    quotes: { sentence: [], start: [], end: [], speaker: [] },
  };
}

const int32 = (values: number[]) => Int32Array.from(values);
const uint8 = (values: number[]) => Uint8Array.from(values);

export function toColumns(g: GrowingColumns): RecordColumns {
  const p = g.paragraphs;
  const s = g.sentences;
  const m = g.mentions;
  const t = g.times;
  const q = g.quotes;
  return {
    paragraphs: {
      document: int32(p.document),
      number: int32(p.number),
      first: int32(p.first),
      count: int32(p.count),
    },
    sentences: {
      document: int32(s.document),
      paragraph: int32(s.paragraph),
      number: int32(s.number),
      start: int32(s.start),
      end: int32(s.end),
      mentionsFrom: int32(s.mentionsFrom),
      timesFrom: int32(s.timesFrom),
      quotesFrom: int32(s.quotesFrom),
    },
    mentions: {
      sentence: int32(m.sentence),
      start: int32(m.start),
      end: int32(m.end),
      nameStart: int32(m.nameStart),
      entity: int32(m.entity),
      via: uint8(m.via),
      possessive: uint8(m.possessive),
    },
    times: {
      sentence: int32(t.sentence),
      start: int32(t.start),
      end: int32(t.end),
      kind: uint8(t.kind),
      date: int32(t.date),
      dates: t.dates,
    },
    quotes: {
      sentence: int32(q.sentence),
      start: int32(q.start),
      end: int32(q.end),
      speaker: int32(q.speaker),
    },
  };
}

/** Each table's columns, their types and which column gives its length (offsets have one more entry). */
const SHAPE: { [K in keyof RecordColumns]: Record<string, 'int32' | 'uint8' | 'offsets' | 'strings'> } = {
  paragraphs: { document: 'int32', number: 'int32', first: 'int32', count: 'int32' },
  sentences: {
    document: 'int32',
    paragraph: 'int32',
    number: 'int32',
    start: 'int32',
    end: 'int32',
    mentionsFrom: 'offsets',
    timesFrom: 'offsets',
    quotesFrom: 'offsets',
  },
  mentions: {
    sentence: 'int32',
    start: 'int32',
    end: 'int32',
    nameStart: 'int32',
    entity: 'int32',
    via: 'uint8',
    possessive: 'uint8',
  },
  times: { sentence: 'int32', start: 'int32', end: 'int32', kind: 'uint8', date: 'int32', dates: 'strings' },
  quotes: { sentence: 'int32', start: 'int32', end: 'int32', speaker: 'int32' },
};

/**
 * Throws unless `value` has every table with every column of the right type and length (a snapshot that
 * reads as JSON but is not a knowledge base).
 */
export function checkColumns(value: unknown): asserts value is RecordColumns {
  const tables = value as Record<string, Record<string, unknown> | undefined>;
  for (const [table, columns] of Object.entries(SHAPE)) {
    const records = (tables[table]?.sentence ?? tables[table]?.document) as { length?: number } | undefined;
    const length = records?.length ?? -1;
    for (const [name, type] of Object.entries(columns)) {
      const column = tables[table]?.[name];
      let ok: boolean;
      if (type === 'strings') ok = Array.isArray(column) && column.every((x) => typeof x === 'string');
      else if (type === 'uint8') ok = column instanceof Uint8Array && column.length === length;
      else ok = column instanceof Int32Array && column.length === length + (type === 'offsets' ? 1 : 0);
      if (!ok) throw new Error(`the ${table} column ${name} in the snapshot is missing or damaged`);
    }
  }
}
