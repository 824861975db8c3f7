/**
 * The data a knowledge base is made of, built once from the documents: passages (paragraphs) in a MiniSearch
 * index, their sentences, and what extraction found in them (entities, mentions, times, quotes), with
 * per-entity lists so that answering never scans all passages.
 */

import MiniSearch, { type Options } from 'minisearch';
import { analyzeDocument } from '../engine/extract/analyze.ts';
import type { NameKind } from '../engine/extract/names.ts';
import type { TimeKind } from '../engine/extract/times.ts';
import { foldCase, termOf, words } from '../engine/text/terms.ts';
import type { DocumentMeta, KnowledgeDocument } from '../knowledge/document.ts';
import { documentFrequencies } from '../persistence/index-codec.ts';
import { yieldToEventLoop } from './event-loop.ts';
import { memoizeFuzzyLookups } from './fuzzy-memo.ts';

export interface StoredDocument extends DocumentMeta {
  body: string;
}

/*
 * The records below are stored as they are in snapshots, millions of them at 100k passages: the short field
 * names (`d`, `p`, `ns`...) keep snapshots small and quick to load. Answering reads them through kb-view.ts,
 * which gives every field its full name.
 */

export interface SentenceData {
  /** document index */
  d: number;
  /** global paragraph index */
  p: number;
  /** 1-based sentence number in its paragraph */
  n: number;
  start: number;
  end: number;
  /** mention, time and quote ids in this sentence */
  m: number[];
  t: number[];
  q: number[];
}

export interface ParagraphData {
  d: number;
  /** 1-based paragraph number in its document */
  index: number;
  first: number;
  count: number;
}

export interface EntityData {
  name: string;
  kind: NameKind;
  role?: string;
  aliases: string[];
  mentions: number[];
  quotes: number[];
}

export interface MentionData {
  s: number;
  start: number;
  end: number;
  /** Start of the name itself, after any role. */
  ns: number;
  e: number;
  via: 'name' | 'alias' | 'description';
  possessive: boolean;
}

export interface TimeData {
  s: number;
  start: number;
  end: number;
  kind: TimeKind;
  date?: string;
}

export interface QuoteData {
  s: number;
  start: number;
  end: number;
  speaker: number;
}

export interface KbData {
  documents: StoredDocument[];
  paragraphs: ParagraphData[];
  sentences: SentenceData[];
  entities: EntityData[];
  mentions: MentionData[];
  times: TimeData[];
  quotes: QuoteData[];
  /** Paragraph frequency of each index term (for idf when ranking sentences). */
  df: Map<string, number>;
  index: MiniSearch<IndexedPassage>;
  /** Folded alias -> entity ids, most mentioned first. */
  aliases: Map<string, number[]>;
  names: MiniSearch<IndexedName>;
}

export interface IndexedPassage {
  id: number;
  text: string;
}

export interface IndexedName {
  id: number;
  name: string;
  aliases: string;
}

export const PASSAGE_INDEX_OPTIONS: Options<IndexedPassage> = {
  fields: ['text'],
  storeFields: [],
  tokenize: (text) => words(text).map((w) => w.word),
  processTerm: (term) => termOf(term) ?? null,
  searchOptions: {
    processTerm: (term) => term,
    tokenize: (text) => text.split(' '),
  },
};

const NAME_INDEX_OPTIONS: Options<IndexedName> = {
  fields: ['name', 'aliases'],
  storeFields: [],
  processTerm: (term) => foldCase(term).replace(/'s$/, '') || null,
};

export function aliasKey(text: string): string {
  return foldCase(text)
    .replace(/^the\s+/, '')
    .replace(/'s$/, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** What a build makes and a snapshot stores: everything but the name lookups (finishData adds those). */
export type BuiltData = Omit<KbData, 'aliases' | 'names'>;

export function buildData(docs: KnowledgeDocument[]): BuiltData {
  const data: Omit<KbData, 'index' | 'aliases' | 'names' | 'df'> = {
    documents: [],
    paragraphs: [],
    sentences: [],
    entities: [],
    mentions: [],
    times: [],
    quotes: [],
  };
  const entityByKey = new Map<string, number>();
  for (const [d, doc] of docs.entries()) {
    const { body, paragraphs: _p, ...meta } = doc;
    data.documents.push({ ...meta, body });
    const analyzed = analyzeDocument(doc);
    const globalId = analyzed.entities.map((e) => {
      const key = `${aliasKey(e.name)}`;
      let id = entityByKey.get(key);
      if (id === undefined) {
        id = data.entities.length;
        data.entities.push({ name: e.name, kind: e.kind, aliases: [], mentions: [], quotes: [] });
        entityByKey.set(key, id);
      }
      const g = data.entities[id] as EntityData;
      if (e.role && (!g.role || e.role.length > g.role.length)) g.role = e.role;
      if (g.kind === 'other' && e.kind !== 'other') g.kind = e.kind;
      for (const a of e.aliases) if (!g.aliases.includes(a)) g.aliases.push(a);
      return id;
    });
    const paragraphBase = data.paragraphs.length;
    for (const p of doc.paragraphs) data.paragraphs.push({ d, index: p.index, first: -1, count: 0 });
    for (const s of analyzed.sentences) {
      const sid = data.sentences.length;
      const p = paragraphBase + s.paragraph - 1;
      const para = data.paragraphs[p] as ParagraphData;
      if (para.first < 0) para.first = sid;
      para.count++;
      const sentence: SentenceData = { d, p, n: s.sentence, start: s.start, end: s.end, m: [], t: [], q: [] };
      for (const m of s.mentions) {
        const e = globalId[m.entity] as number;
        sentence.m.push(data.mentions.length);
        (data.entities[e] as EntityData).mentions.push(data.mentions.length);
        data.mentions.push({
          s: sid,
          start: m.start,
          end: m.end,
          ns: m.nameStart,
          e,
          via: m.via,
          possessive: m.possessive,
        });
      }
      for (const t of s.times) {
        sentence.t.push(data.times.length);
        const time: TimeData = { s: sid, start: t.start, end: t.end, kind: t.kind };
        if (t.date) time.date = t.date;
        data.times.push(time);
      }
      for (const q of s.quotes) {
        const speaker = q.speaker < 0 ? -1 : (globalId[q.speaker] as number);
        sentence.q.push(data.quotes.length);
        if (speaker >= 0) (data.entities[speaker] as EntityData).quotes.push(data.quotes.length);
        data.quotes.push({ s: sid, start: q.start, end: q.end, speaker });
      }
      data.sentences.push(sentence);
    }
  }
  const index = new MiniSearch<IndexedPassage>(PASSAGE_INDEX_OPTIONS);
  const passages: IndexedPassage[] = data.paragraphs.map((p, id) => {
    const first = data.sentences[p.first];
    const last = data.sentences[p.first + p.count - 1];
    const body = (data.documents[p.d] as StoredDocument).body;
    return { id, text: first && last ? body.slice(first.start, last.end) : '' };
  });
  index.addAll(passages);
  return { ...data, df: documentFrequencies(index, 'text'), index };
}

interface NameLookups {
  aliases: Map<string, number[]>;
  named: IndexedName[];
}

/** Adds entities [from, to) to the alias lookup and the name index's entries. */
function addNames(data: BuiltData, from: number, to: number, into: NameLookups): void {
  for (let id = from; id < to; id++) {
    const e = data.entities[id] as EntityData;
    for (const a of new Set([e.name, ...e.aliases].map(aliasKey))) {
      if (!a) continue;
      const list = into.aliases.get(a);
      if (list) list.push(id);
      else into.aliases.set(a, [id]);
    }
    into.named.push({ id, name: e.name, aliases: e.aliases.join(' ') });
  }
}

function sortAliases(data: BuiltData, aliases: Map<string, number[]>): void {
  const weight = (id: number) => {
    const e = data.entities[id] as EntityData;
    return e.mentions.length + (e.kind === 'other' ? 0 : 1000);
  };
  for (const list of aliases.values()) list.sort((a, b) => weight(b) - weight(a));
}

/** The small derived lookups, rebuilt on load instead of stored in snapshots. */
export function finishData(data: BuiltData): KbData {
  const lookups: NameLookups = { aliases: new Map(), named: [] };
  addNames(data, 0, data.entities.length, lookups);
  sortAliases(data, lookups.aliases);
  const names = new MiniSearch<IndexedName>(NAME_INDEX_OPTIONS);
  names.addAll(lookups.named);
  memoizeFuzzyLookups(names);
  return { ...data, aliases: lookups.aliases, names };
}

/** finishData in batches, yielding between them (a reload must not stall answers). */
export async function finishDataAsync(data: BuiltData): Promise<KbData> {
  const lookups: NameLookups = { aliases: new Map(), named: [] };
  for (let from = 0; from < data.entities.length; from += 500) {
    addNames(data, from, Math.min(from + 500, data.entities.length), lookups);
    await yieldToEventLoop();
  }
  sortAliases(data, lookups.aliases);
  const names = new MiniSearch<IndexedName>(NAME_INDEX_OPTIONS);
  await names.addAllAsync(lookups.named, { chunkSize: 500 });
  memoizeFuzzyLookups(names);
  return { ...data, aliases: lookups.aliases, names };
}
