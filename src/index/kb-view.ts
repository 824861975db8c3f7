/**
 * A typed read view over built knowledge-base data (kb-data.ts), for answering. The built records keep the
 * short field names of the snapshot format (`d`, `p`, `ns`...: a 100k-passage snapshot holds millions of them,
 * and copying them into long-named objects at load would slow the warm start); this view gives them their full
 * names without copying: a record is wrapped when it is read, and a wrapper holds nothing but the record.
 *
 * Ids are positions in the built arrays. An id that is not there is a bug, not bad input: `sentence(id)` and
 * the like throw a RangeError, which KnowledgeBase.answer logs with an error id.
 */
import type { SearchOptions } from 'minisearch';
import type { TimeKind } from '../engine/extract/times.ts';
import { terms } from '../engine/text/terms.ts';
import type {
  EntityData,
  KbData,
  MentionData,
  ParagraphData,
  QuoteData,
  SentenceData,
  StoredDocument,
  TimeData,
} from './kb-data.ts';
import { closestIndexTerm, type ExpandedSearchOptions, topMatches, topSearchMatches } from './top-matches.ts';

/** Character offsets `[start, end)` in a document's body. */
export interface Span {
  readonly start: number;
  readonly end: number;
}

function missing(what: string, id: number): never {
  throw new RangeError(`no ${what} ${id} in the knowledge base`);
}

/** The ids of both indexes are the numbers kb-data.ts gives them; MiniSearch types them as `any`. */
function idOf(value: unknown): number {
  if (typeof value !== 'number') throw new TypeError(`index id ${String(value)} is not a number`);
  return value;
}

export class Sentence implements Span {
  readonly id: number;
  readonly #record: SentenceData;
  constructor(id: number, record: SentenceData) {
    this.id = id;
    this.#record = record;
  }
  /** Index of its document in the knowledge base. */
  get document(): number {
    return this.#record.d;
  }
  /** Index of its paragraph in the knowledge base (not the paragraph's number in its document). */
  get paragraph(): number {
    return this.#record.p;
  }
  /** 1-based position in its paragraph. */
  get number(): number {
    return this.#record.n;
  }
  get start(): number {
    return this.#record.start;
  }
  get end(): number {
    return this.#record.end;
  }
  /** Ids of the mentions of names in it, in text order. */
  get mentions(): readonly number[] {
    return this.#record.m;
  }
  /** Ids of the time expressions in it. */
  get times(): readonly number[] {
    return this.#record.t;
  }
  /** Ids of the quotations that start in it. */
  get quotes(): readonly number[] {
    return this.#record.q;
  }
}

export class Paragraph {
  readonly id: number;
  readonly #record: ParagraphData;
  constructor(id: number, record: ParagraphData) {
    this.id = id;
    this.#record = record;
  }
  get document(): number {
    return this.#record.d;
  }
  /** 1-based paragraph number in its document (what citations give). */
  get number(): number {
    return this.#record.index;
  }
  /** Id of its first sentence (-1 when it has none). */
  get firstSentence(): number {
    return this.#record.first;
  }
  get lastSentence(): number {
    return this.#record.first + this.#record.count - 1;
  }
  get sentenceCount(): number {
    return this.#record.count;
  }
}

/** A name (or an alias, or a description) found in a sentence, standing for an entity. */
export class Mention implements Span {
  readonly id: number;
  readonly #record: MentionData;
  constructor(id: number, record: MentionData) {
    this.id = id;
    this.#record = record;
  }
  get sentence(): number {
    return this.#record.s;
  }
  /** Start of the mention, with any role before the name ("Mayor Ed Lee"). */
  get start(): number {
    return this.#record.start;
  }
  get end(): number {
    return this.#record.end;
  }
  /** Start of the name itself, after any role. */
  get nameStart(): number {
    return this.#record.ns;
  }
  get entity(): number {
    return this.#record.e;
  }
  get possessive(): boolean {
    return this.#record.possessive;
  }
}

export class TimeExpression implements Span {
  readonly id: number;
  readonly #record: TimeData;
  constructor(id: number, record: TimeData) {
    this.id = id;
    this.#record = record;
  }
  get sentence(): number {
    return this.#record.s;
  }
  get start(): number {
    return this.#record.start;
  }
  get end(): number {
    return this.#record.end;
  }
  get kind(): TimeKind {
    return this.#record.kind;
  }
  /** The calendar date (YYYY-MM-DD) it resolves to, when it does. */
  get date(): string | undefined {
    return this.#record.date;
  }
}

export class Quotation implements Span {
  readonly id: number;
  readonly #record: QuoteData;
  constructor(id: number, record: QuoteData) {
    this.id = id;
    this.#record = record;
  }
  /** The sentence it starts in. */
  get sentence(): number {
    return this.#record.s;
  }
  get start(): number {
    return this.#record.start;
  }
  get end(): number {
    return this.#record.end;
  }
  /** Entity id of who said it; -1 when no speaker was found. */
  get speaker(): number {
    return this.#record.speaker;
  }
}

export class KbView {
  readonly #data: KbData;
  /** The terms of every document title, worked out when first asked for. */
  #titleTerms: Set<string> | undefined;
  constructor(data: KbData) {
    this.#data = data;
  }

  get paragraphCount(): number {
    return this.#data.paragraphs.length;
  }
  /**
   * The best `k` paragraphs of the passage index for an OR query of index terms, best first (MiniSearch's
   * scores and order; see top-matches.ts).
   */
  topPassages(terms: readonly string[], k: number): { paragraph: number; score: number }[] {
    return topMatches(this.#data.index, terms, k).map((hit) => ({
      paragraph: idOf(hit.id),
      score: hit.score,
    }));
  }
  /** The index term nearest in spelling to `term`, within `maxDistance` edits (closestIndexTerm). */
  closestTerm(term: string, maxDistance: number): string | null {
    return closestIndexTerm(this.#data.index, term, maxDistance);
  }
  /** The first `k` hits of a search of the names index: entity ids, with the query words each matched. */
  searchNames(query: string, options: SearchOptions, k: number): { entity: number; queryTerms: string[] }[] {
    return this.#data.names
      .search(query, options)
      .slice(0, k)
      .map((hit) => ({ entity: idOf(hit.id), queryTerms: hit.queryTerms }));
  }
  /** The best `k` entities of an OR search of the names index with prefix and fuzzy matching. */
  topNames(query: string, options: ExpandedSearchOptions, k: number): number[] {
    return topSearchMatches(this.#data.names, query, options, k).map((hit) => idOf(hit.id));
  }
  /** In how many paragraphs an index term occurs; undefined for a term the knowledge base never uses. */
  paragraphFrequency(term: string): number | undefined {
    return this.#data.df.get(term);
  }
  usesTerm(term: string): boolean {
    return this.#data.df.has(term);
  }
  /** A document title uses the term (titles are not in the passage index). */
  titleUsesTerm(term: string): boolean {
    this.#titleTerms ??= new Set(this.#data.documents.flatMap((d) => terms(d.title)));
    return this.#titleTerms.has(term);
  }

  document(id: number): StoredDocument {
    return this.#data.documents[id] ?? missing('document', id);
  }
  documentOf(sentence: Sentence): StoredDocument {
    return this.document(sentence.document);
  }
  paragraph(id: number): Paragraph {
    const record = this.#data.paragraphs[id];
    return record ? new Paragraph(id, record) : missing('paragraph', id);
  }
  paragraphOf(sentence: Sentence): Paragraph {
    return this.paragraph(sentence.paragraph);
  }
  sentence(id: number): Sentence {
    const record = this.#data.sentences[id];
    return record ? new Sentence(id, record) : missing('sentence', id);
  }
  /** The sentence with this id, or undefined past either end (for a look at a neighbour). */
  sentenceAt(id: number): Sentence | undefined {
    const record = this.#data.sentences[id];
    return record && new Sentence(id, record);
  }
  /** The words of the sentence's document from `span.start` to `span.end` (the sentence's own by default). */
  text(sentence: Sentence, span: Span = sentence): string {
    return this.documentOf(sentence).body.slice(span.start, span.end);
  }
  /** The body of the sentence's document, for looking around a span. */
  bodyOf(sentence: Sentence): string {
    return this.documentOf(sentence).body;
  }

  entity(id: number): EntityData {
    return this.#data.entities[id] ?? missing('entity', id);
  }
  /** Entity ids of a folded alias (aliasKey), most mentioned first. */
  entitiesNamed(key: string): readonly number[] {
    return this.#data.aliases.get(key) ?? [];
  }
  mention(id: number): Mention {
    const record = this.#data.mentions[id];
    return record ? new Mention(id, record) : missing('mention', id);
  }
  mentionsIn(sentence: Sentence): Mention[] {
    return sentence.mentions.map((id) => this.mention(id));
  }
  time(id: number): TimeExpression {
    const record = this.#data.times[id];
    return record ? new TimeExpression(id, record) : missing('time', id);
  }
  timesIn(sentence: Sentence): TimeExpression[] {
    return sentence.times.map((id) => this.time(id));
  }
  quotation(id: number): Quotation {
    const record = this.#data.quotes[id];
    return record ? new Quotation(id, record) : missing('quotation', id);
  }
  /** Who said it, when a speaker was found. */
  speakerOf(quotation: Quotation): EntityData | undefined {
    return this.#data.entities[quotation.speaker];
  }
}
