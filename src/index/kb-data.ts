/**
 * The data a knowledge base is made of, built once from the documents: passages (paragraphs) in a MiniSearch
 * index, their sentences, and what extraction found in them (entities, mentions, times, quotes), with
 * per-entity lists so that answering never scans all passages.
 */

import MiniSearch, { type Options } from 'minisearch';
import { type AnalyzedDocument, analyzeDocument } from '../engine/extract/analyze.ts';
import { fuller } from '../engine/extract/entities.ts';
import type { NameKind } from '../engine/extract/names.ts';
import { foldCase } from '../engine/text/terms.ts';
import type { DocumentMeta, KnowledgeDocument } from '../knowledge/document.ts';
import { documentFrequencies } from '../persistence/index-codec.ts';
import { yieldToEventLoop } from './event-loop.ts';
import { memoizeFuzzyLookups } from './fuzzy-memo.ts';
import { scanFuzzyLookups } from './fuzzy-terms.ts';
import {
  type GrowingColumns,
  growingColumns,
  MENTION_VIAS,
  type RecordColumns,
  TIME_KINDS,
  toColumns,
} from './kb-columns.ts';
import { type IndexedPassage, indexPassages } from './passage-index.ts';

export interface StoredDocument extends DocumentMeta {
  body: string;
}

/* The per-record data is columnar (kb-columns.ts); entities, few by comparison, are objects. */

export interface EntityData {
  name: string;
  kind: NameKind;
  /** The fullest role the documents give. */
  role?: string;
  /** Every role a document gives (its fullest), once each, when they are more than one. */
  roles?: string[];
  aliases: string[];
  /** Its mentions by name, alias or description, in text order. */
  mentions: number[];
  /** Its mentions by "he" or "she" (extraction's pronouns that stand for it beyond doubt), when there are any. */
  pronouns?: number[];
  quotes: number[];
}

export interface KbData extends RecordColumns {
  documents: StoredDocument[];
  entities: EntityData[];
  /** Paragraph frequency of each index term (for idf when ranking sentences). */
  df: Map<string, number>;
  index: MiniSearch<IndexedPassage>;
  /** Folded alias -> entity ids, most mentioned first. */
  aliases: Map<string, number[]>;
  /** Per entity, its name and aliases folded (aliasKey), each once, none empty. */
  foldedNames: string[][];
  names: MiniSearch<IndexedName>;
}

export interface IndexedName {
  id: number;
  name: string;
  aliases: string;
}

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
export type BuiltData = Omit<KbData, 'aliases' | 'foldedNames' | 'names'>;

/** Entities are merged across documents by their folded name; returns each local entity's global id. */
function mergeEntities(
  analyzed: AnalyzedDocument,
  entities: EntityData[],
  entityByKey: Map<string, number>,
): number[] {
  return analyzed.entities.map((e) => {
    const key = aliasKey(e.name);
    let id = entityByKey.get(key);
    if (id === undefined) {
      id = entities.length;
      entities.push({ name: e.name, kind: e.kind, aliases: [], mentions: [], quotes: [] });
      entityByKey.set(key, id);
    }
    const g = entities[id] as EntityData;
    if (e.role && g.role && e.role !== g.role && !g.roles?.includes(e.role))
      g.roles = [...(g.roles ?? [g.role]), e.role];
    if (e.role && (!g.role || fuller(e.role, g.role))) g.role = e.role;
    if (g.kind === 'other' && e.kind !== 'other') g.kind = e.kind;
    for (const a of e.aliases) if (!g.aliases.includes(a)) g.aliases.push(a);
    return id;
  });
}

/** Appends a document's sentences, with their mentions, times and quotations, to the columns. */
function addSentences(
  d: number,
  paragraphBase: number,
  analyzed: AnalyzedDocument,
  globalId: number[],
  entities: EntityData[],
  g: GrowingColumns,
  dateIds: Map<string, number>,
): void {
  const { paragraphs, sentences, mentions, times, quotes } = g;
  for (const s of analyzed.sentences) {
    const sid = sentences.document.length;
    const p = paragraphBase + s.paragraph - 1;
    if ((paragraphs.first[p] as number) < 0) paragraphs.first[p] = sid;
    paragraphs.count[p] = (paragraphs.count[p] as number) + 1;
    sentences.document.push(d);
    sentences.paragraph.push(p);
    sentences.number.push(s.sentence);
    sentences.start.push(s.start);
    sentences.end.push(s.end);
    for (const m of s.mentions) {
      const e = globalId[m.entity] as number;
      const entity = entities[e] as EntityData;
      if (m.via !== 'pronoun') entity.mentions.push(mentions.sentence.length);
      else if (entity.pronouns) entity.pronouns.push(mentions.sentence.length);
      else entity.pronouns = [mentions.sentence.length];
      mentions.sentence.push(sid);
      mentions.start.push(m.start);
      mentions.end.push(m.end);
      mentions.nameStart.push(m.nameStart);
      mentions.entity.push(e);
      mentions.via.push(MENTION_VIAS.indexOf(m.via));
      mentions.possessive.push(m.possessive ? 1 : 0);
    }
    for (const t of s.times) {
      let date = -1;
      if (t.date) {
        date = dateIds.get(t.date) ?? times.dates.push(t.date) - 1;
        dateIds.set(t.date, date);
      }
      times.sentence.push(sid);
      times.start.push(t.start);
      times.end.push(t.end);
      times.kind.push(TIME_KINDS.indexOf(t.kind));
      times.date.push(date);
    }
    for (const q of s.quotes) {
      const speaker = q.speaker < 0 ? -1 : (globalId[q.speaker] as number);
      if (speaker >= 0) (entities[speaker] as EntityData).quotes.push(quotes.sentence.length);
      quotes.sentence.push(sid);
      quotes.start.push(q.start);
      quotes.end.push(q.end);
      quotes.speaker.push(speaker);
    }
    sentences.mentionsFrom.push(mentions.sentence.length);
    sentences.timesFrom.push(times.sentence.length);
    sentences.quotesFrom.push(quotes.sentence.length);
  }
}

/** A document's extraction: analyzeDocument, or a cache of its results (the build worker's AnalysisCache). */
export type Analyze = (doc: KnowledgeDocument) => AnalyzedDocument;

export function buildData(docs: KnowledgeDocument[], analyze: Analyze = analyzeDocument): BuiltData {
  const documents: StoredDocument[] = [];
  const entities: EntityData[] = [];
  const growing = growingColumns();
  const entityByKey = new Map<string, number>();
  const dateIds = new Map<string, number>();
  for (const [d, doc] of docs.entries()) {
    const { body, paragraphs: _p, ...meta } = doc;
    documents.push({ ...meta, body });
    const analyzed = analyze(doc);
    const globalId = mergeEntities(analyzed, entities, entityByKey);
    const paragraphBase = growing.paragraphs.document.length;
    for (const p of doc.paragraphs) {
      growing.paragraphs.document.push(d);
      growing.paragraphs.number.push(p.index);
      growing.paragraphs.first.push(-1);
      growing.paragraphs.count.push(0);
    }
    addSentences(d, paragraphBase, analyzed, globalId, entities, growing, dateIds);
  }
  const columns = toColumns(growing);
  const { paragraphs, sentences } = columns;
  const passages: IndexedPassage[] = [];
  for (let id = 0; id < paragraphs.document.length; id++) {
    const first = paragraphs.first[id] as number;
    const last = first + (paragraphs.count[id] as number) - 1;
    const body = (documents[paragraphs.document[id] as number] as StoredDocument).body;
    passages.push({ id, text: first >= 0 ? body.slice(sentences.start[first], sentences.end[last]) : '' });
  }
  const index = indexPassages(passages);
  return { documents, entities, ...columns, df: documentFrequencies(index, 'text'), index };
}

interface NameLookups {
  aliases: Map<string, number[]>;
  foldedNames: string[][];
  named: IndexedName[];
}

/** Adds entities [from, to) to the alias lookup and the name index's entries. */
function addNames(data: BuiltData, from: number, to: number, into: NameLookups): void {
  for (let id = from; id < to; id++) {
    const e = data.entities[id] as EntityData;
    const folded = [...new Set([e.name, ...e.aliases].map(aliasKey))].filter((a) => a !== '');
    into.foldedNames.push(folded);
    for (const a of folded) {
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
  const lookups: NameLookups = { aliases: new Map(), foldedNames: [], named: [] };
  addNames(data, 0, data.entities.length, lookups);
  sortAliases(data, lookups.aliases);
  const names = new MiniSearch<IndexedName>(NAME_INDEX_OPTIONS);
  names.addAll(lookups.named);
  scanFuzzyLookups(names);
  memoizeFuzzyLookups(names);
  scanFuzzyLookups(data.index);
  return { ...data, aliases: lookups.aliases, foldedNames: lookups.foldedNames, names };
}

/** finishData in batches, yielding between them (a reload must not stall answers). */
export async function finishDataAsync(data: BuiltData): Promise<KbData> {
  const lookups: NameLookups = { aliases: new Map(), foldedNames: [], named: [] };
  for (let from = 0; from < data.entities.length; from += 500) {
    addNames(data, from, Math.min(from + 500, data.entities.length), lookups);
    await yieldToEventLoop();
  }
  sortAliases(data, lookups.aliases);
  const names = new MiniSearch<IndexedName>(NAME_INDEX_OPTIONS);
  await names.addAllAsync(lookups.named, { chunkSize: 500 });
  scanFuzzyLookups(names);
  memoizeFuzzyLookups(names);
  scanFuzzyLookups(data.index);
  return { ...data, aliases: lookups.aliases, foldedNames: lookups.foldedNames, names };
}
