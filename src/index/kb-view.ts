/**
 * A typed read view over built knowledge-base data (kb-data.ts), for answering. The records are stored as
 * columns (kb-columns.ts: a 100k-passage knowledge base holds millions of them); this view gives each record
 * an object with named fields when it is read, holding nothing but its id and the columns it reads.
 *
 * Ids are positions in the built arrays. An id that is not there is a bug, not bad input: `sentence(id)` and
 * the like throw a RangeError, which KnowledgeBase.answer logs with an error id.
 */
import type { SearchOptions } from 'minisearch';
import type { TimeKind } from '../engine/extract/times.ts';
import { terms } from '../engine/text/terms.ts';
import {
  MENTION_VIAS,
  type MentionColumns,
  type MentionVia,
  type ParagraphColumns,
  type QuoteColumns,
  type SentenceColumns,
  TIME_KINDS,
  type TimeColumns,
} from './kb-columns.ts';
import type { EntityData, KbData, StoredDocument } from './kb-data.ts';
import { internalsOf } from './minisearch-internals.ts';
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

/** A record id's place in its columns, checked: an id that is not there is a bug (RangeError). */
function checked(what: string, id: number, count: number): number {
  return Number.isInteger(id) && id >= 0 && id < count ? id : missing(what, id);
}

/** The ids `from[id]` up to `from[id + 1]` (a sentence's run of mentions, times or quotations), or up to `end`. */
function idRun(from: Int32Array, id: number, end = from[id + 1] as number): number[] {
  const ids: number[] = [];
  for (let i = from[id] as number; i < end; i++) ids.push(i);
  return ids;
}

const PRONOUN_VIA = MENTION_VIAS.indexOf('pronoun');

export class Sentence implements Span {
  readonly id: number;
  readonly #columns: SentenceColumns;
  /** The mentions' `via` column: a sentence's pronouns follow its other mentions. */
  readonly #vias: Uint8Array;
  constructor(id: number, columns: SentenceColumns, vias: Uint8Array) {
    this.id = id;
    this.#columns = columns;
    this.#vias = vias;
  }
  /** Index of its document in the knowledge base. */
  get document(): number {
    return this.#columns.document[this.id] as number;
  }
  /** Index of its paragraph in the knowledge base (not the paragraph's number in its document). */
  get paragraph(): number {
    return this.#columns.paragraph[this.id] as number;
  }
  /** 1-based position in its paragraph. */
  get number(): number {
    return this.#columns.number[this.id] as number;
  }
  get start(): number {
    return this.#columns.start[this.id] as number;
  }
  get end(): number {
    return this.#columns.end[this.id] as number;
  }
  /** Ids of the mentions of names (and aliases, descriptions) in it, in text order. */
  get mentions(): readonly number[] {
    return idRun(this.#columns.mentionsFrom, this.id, this.#namesEnd());
  }
  /** Ids of its pronouns that stand for an entity ("he", "she"), in text order. */
  get pronouns(): readonly number[] {
    return idRun(this.#columns.mentionsFrom, this.id).slice(this.#namesEnd() - this.#firstMention());
  }
  #firstMention(): number {
    return this.#columns.mentionsFrom[this.id] as number;
  }
  /** Where its pronouns start (the end of its other mentions). */
  #namesEnd(): number {
    let end = this.#columns.mentionsFrom[this.id + 1] as number;
    while (end > this.#firstMention() && this.#vias[end - 1] === PRONOUN_VIA) end--;
    return end;
  }
  /** Ids of the time expressions in it. */
  get times(): readonly number[] {
    return idRun(this.#columns.timesFrom, this.id);
  }
  /** Ids of the quotations that start in it. */
  get quotes(): readonly number[] {
    return idRun(this.#columns.quotesFrom, this.id);
  }
}

export class Paragraph {
  readonly id: number;
  readonly #columns: ParagraphColumns;
  constructor(id: number, columns: ParagraphColumns) {
    this.id = id;
    this.#columns = columns;
  }
  get document(): number {
    return this.#columns.document[this.id] as number;
  }
  /** 1-based paragraph number in its document (what citations give). */
  get number(): number {
    return this.#columns.number[this.id] as number;
  }
  /** Id of its first sentence (-1 when it has none). */
  get firstSentence(): number {
    return this.#columns.first[this.id] as number;
  }
  get lastSentence(): number {
    return this.firstSentence + this.sentenceCount - 1;
  }
  get sentenceCount(): number {
    return this.#columns.count[this.id] as number;
  }
}

/** A name (or an alias, a description, a pronoun) found in a sentence, standing for an entity. */
export class Mention implements Span {
  readonly id: number;
  readonly #columns: MentionColumns;
  constructor(id: number, columns: MentionColumns) {
    this.id = id;
    this.#columns = columns;
  }
  get sentence(): number {
    return this.#columns.sentence[this.id] as number;
  }
  /** Start of the mention, with any role before the name ("Mayor Ed Lee"). */
  get start(): number {
    return this.#columns.start[this.id] as number;
  }
  get end(): number {
    return this.#columns.end[this.id] as number;
  }
  /** Start of the name itself, after any role. */
  get nameStart(): number {
    return this.#columns.nameStart[this.id] as number;
  }
  get entity(): number {
    return this.#columns.entity[this.id] as number;
  }
  get possessive(): boolean {
    return this.#columns.possessive[this.id] === 1;
  }
  /** How the text names the entity here. */
  get via(): MentionVia {
    return MENTION_VIAS[this.#columns.via[this.id] as number] as MentionVia;
  }
}

export class TimeExpression implements Span {
  readonly id: number;
  readonly #columns: TimeColumns;
  constructor(id: number, columns: TimeColumns) {
    this.id = id;
    this.#columns = columns;
  }
  get sentence(): number {
    return this.#columns.sentence[this.id] as number;
  }
  get start(): number {
    return this.#columns.start[this.id] as number;
  }
  get end(): number {
    return this.#columns.end[this.id] as number;
  }
  get kind(): TimeKind {
    return TIME_KINDS[this.#columns.kind[this.id] as number] as TimeKind;
  }
  /** The calendar date (YYYY-MM-DD) it resolves to, when it does. */
  get date(): string | undefined {
    return this.#columns.dates[this.#columns.date[this.id] as number];
  }
}

export class Quotation implements Span {
  readonly id: number;
  readonly #columns: QuoteColumns;
  constructor(id: number, columns: QuoteColumns) {
    this.id = id;
    this.#columns = columns;
  }
  /** The sentence it starts in. */
  get sentence(): number {
    return this.#columns.sentence[this.id] as number;
  }
  get start(): number {
    return this.#columns.start[this.id] as number;
  }
  get end(): number {
    return this.#columns.end[this.id] as number;
  }
  /** Entity id of who said it; -1 when no speaker was found. */
  get speaker(): number {
    return this.#columns.speaker[this.id] as number;
  }
}

export class KbView {
  readonly #data: KbData;
  /** The terms of every document title, worked out when first asked for. */
  #titleTerms: Set<string> | undefined;
  /** Each document's title terms, by document id, as titleTermsOf works them out. */
  readonly #titleTermsOf: (readonly string[] | undefined)[] = [];
  constructor(data: KbData) {
    this.#data = data;
  }

  get paragraphCount(): number {
    return this.#data.paragraphs.document.length;
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
  /**
   * The paragraphs whose text holds the index term (and each of `alsoWith`), in text order, read straight from
   * its postings (no scores, no result objects: a common term's thousands cost little).
   */
  paragraphsWith(term: string, alsoWith: readonly string[] = []): number[] {
    const index = internalsOf(this.#data.index);
    const field = index._fieldIds.text as number;
    const postings = index._index.get(term)?.get(field);
    const others = alsoWith.map((other) => index._index.get(other)?.get(field));
    if (!postings || others.some((p) => p === undefined)) return [];
    const out: number[] = [];
    for (const shortId of postings.keys())
      if (others.every((p) => p?.has(shortId))) out.push(idOf(index._documentIds.get(shortId)));
    return out.sort((a, b) => a - b);
  }
  /** The ids of the quotations that start in the paragraph: from `from` up to `to` (they are numbered in text order). */
  quotationsIn(paragraph: number): { from: number; to: number } {
    const columns = this.#data.paragraphs;
    const id = checked('paragraph', paragraph, columns.document.length);
    const first = columns.first[id] as number;
    const count = columns.count[id] as number;
    if (first < 0 || count === 0) return { from: 0, to: 0 };
    const quotesFrom = this.#data.sentences.quotesFrom;
    return { from: quotesFrom[first] as number, to: quotesFrom[first + count] as number };
  }
  /**
   * The paragraphs whose text holds every one of `terms` (index terms), in text order: the rarest term's postings
   * checked against the others', unscored.
   */
  paragraphsWithAll(terms: readonly string[]): Set<number> {
    const [rarest, ...others] = [...terms].sort(
      (a, b) => (this.paragraphFrequency(a) ?? 0) - (this.paragraphFrequency(b) ?? 0),
    );
    return new Set(rarest === undefined ? [] : this.paragraphsWith(rarest, others));
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
  /** The index terms of a document's title, in order (worked out once per document). */
  titleTermsOf(document: number): readonly string[] {
    let cached = this.#titleTermsOf[document];
    if (cached === undefined) {
      cached = terms(this.document(document).title);
      this.#titleTermsOf[document] = cached;
    }
    return cached;
  }

  document(id: number): StoredDocument {
    return this.#data.documents[id] ?? missing('document', id);
  }
  documentOf(sentence: Sentence): StoredDocument {
    return this.document(sentence.document);
  }
  paragraph(id: number): Paragraph {
    const columns = this.#data.paragraphs;
    return new Paragraph(checked('paragraph', id, columns.document.length), columns);
  }
  paragraphOf(sentence: Sentence): Paragraph {
    return this.paragraph(sentence.paragraph);
  }
  /** How many sentences the knowledge base holds (ids 0 to sentenceCount - 1, in text order). */
  get sentenceCount(): number {
    return this.#data.sentences.document.length;
  }
  sentence(id: number): Sentence {
    const columns = this.#data.sentences;
    return new Sentence(checked('sentence', id, columns.document.length), columns, this.#data.mentions.via);
  }
  /** The sentence with this id, or undefined past either end (for a look at a neighbour). */
  sentenceAt(id: number): Sentence | undefined {
    const columns = this.#data.sentences;
    return Number.isInteger(id) && id >= 0 && id < columns.document.length
      ? new Sentence(id, columns, this.#data.mentions.via)
      : undefined;
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
    const columns = this.#data.mentions;
    return new Mention(checked('mention', id, columns.sentence.length), columns);
  }
  mentionsIn(sentence: Sentence): Mention[] {
    return sentence.mentions.map((id) => this.mention(id));
  }
  /** The sentence's "he" and "she" that stand for an entity (mentions of it, via 'pronoun'). */
  pronounsIn(sentence: Sentence): Mention[] {
    return sentence.pronouns.map((id) => this.mention(id));
  }
  /** How many time expressions the knowledge base holds (ids 0 to timeCount - 1, in text order). */
  get timeCount(): number {
    return this.#data.times.sentence.length;
  }
  time(id: number): TimeExpression {
    const columns = this.#data.times;
    return new TimeExpression(checked('time', id, columns.sentence.length), columns);
  }
  timesIn(sentence: Sentence): TimeExpression[] {
    return sentence.times.map((id) => this.time(id));
  }
  quotation(id: number): Quotation {
    const columns = this.#data.quotes;
    return new Quotation(checked('quotation', id, columns.sentence.length), columns);
  }
  /** Who said it, when a speaker was found. */
  speakerOf(quotation: Quotation): EntityData | undefined {
    return this.#data.entities[quotation.speaker];
  }
}
