/**
 * Document-level extraction: sentences, name mentions resolved to entities (full names, surnames,
 * descriptions such as "the French leader", pronouns), time expressions and direct quotations with
 * their speakers. Offsets are in the document body, so excerpts are always exact text.
 */
import type { KnowledgeDocument } from '../../knowledge/document.ts';
import { type SentenceSpan, splitSentences } from '../text/sentences.ts';
import { addDescribedMentions, type LocalMention } from './descriptions.ts';
import { EntityTable, type LocalEntity } from './entities.ts';
import { findNameSpans, type NameSpan } from './names.ts';
import { type Actor, type LocalQuote, sentenceQuotes } from './quotes.ts';
import { findTimeSpans, type TimeKind } from './times.ts';

export type { LocalMention } from './descriptions.ts';
export type { LocalEntity } from './entities.ts';
export type { LocalQuote } from './quotes.ts';

export interface LocalTime {
  start: number;
  end: number;
  text: string;
  kind: TimeKind;
  date?: string;
}

export interface AnalyzedSentence {
  /** 1-based paragraph of the document. */
  paragraph: number;
  /** 1-based sentence in the paragraph. */
  sentence: number;
  start: number;
  end: number;
  mentions: LocalMention[];
  times: LocalTime[];
  quotes: LocalQuote[];
}

export interface AnalyzedDocument {
  entities: LocalEntity[];
  sentences: AnalyzedSentence[];
}

const PRONOUN = /\b(?:[Hh]e|[Ss]he)\b/g;

function documentVocabulary(body: string): { lower: Set<string>; capital: Set<string> } {
  const lower = new Set<string>();
  const capital = new Set<string>();
  for (const m of body.matchAll(
    /(?<![.!?]["”’)]?\s|^|["“‘(]\s?)(\p{Lu}[\p{L}'’-]*)|\b(\p{Ll}[\p{L}'’-]*)/gmu,
  )) {
    if (m[1]) capital.add(m[1].replace(/['’]s$/, '').toLowerCase());
    else if (m[2]) lower.add(m[2].toLowerCase());
  }
  return { lower, capital };
}

/** The name mentions of a sentence at offset `base`: full names, then surnames and first names as aliases. */
function nameMentions(names: NameSpan[], base: number, table: EntityTable): LocalMention[] {
  const mentions: LocalMention[] = [];
  for (const n of names) {
    let id = table.byName(n.name);
    let via: LocalMention['via'] = 'name';
    if (id === undefined && n.kind !== 'org' && !n.role) {
      id = table.byAlias(n.name);
      via = 'alias';
    }
    if (id === undefined && n.adjectiveLike) continue;
    if (id === undefined) id = table.entityFor(n.name, n.kind, n.role);
    mentions.push({
      entity: id,
      start: base + n.start,
      end: base + n.end,
      nameStart: base + n.nameStart,
      via,
      possessive: n.possessive,
    });
  }
  return mentions;
}

/** What the reading so far knows: the people named lately and the person the text is about. */
interface Reading {
  /** Most recent last. */
  recentPeople: number[];
  /** The person the text is currently about, -1 for none. */
  subject: number;
}

function notePerson(reading: Reading, id: number): void {
  const i = reading.recentPeople.lastIndexOf(id);
  if (i >= 0) reading.recentPeople.splice(i, 1);
  reading.recentPeople.push(id);
}

/** People acting in the sentence, in reading order: named non-possessive people and pronouns. */
function sentenceActors(
  text: string,
  base: number,
  mentions: LocalMention[],
  table: EntityTable,
  subject: number,
) {
  // Pronouns resolve to the current subject; they are kept only to find speakers and subjects.
  const pronouns: Actor[] = [];
  if (subject >= 0)
    for (const m of text.matchAll(PRONOUN)) pronouns.push({ at: base + m.index, entity: subject });
  return [
    ...mentions
      .filter((m) => !m.possessive && table.isPerson(m.entity))
      .map((m) => ({ at: m.start, entity: m.entity })),
    ...pronouns,
  ].sort((a, b) => a.at - b.at);
}

function analyzeSentence(
  doc: KnowledgeDocument,
  span: SentenceSpan,
  base: number,
  names: NameSpan[],
  table: EntityTable,
  reading: Reading,
): Omit<AnalyzedSentence, 'paragraph' | 'sentence'> {
  const mentions = nameMentions(names, base, table);
  addDescribedMentions(span.text, base, mentions, table, reading.recentPeople);
  mentions.sort((a, b) => a.start - b.start);
  const actors = sentenceActors(span.text, base, mentions, table, reading.subject);
  const quotes = sentenceQuotes(doc.body, span.text, base, actors, reading.subject);
  const first = actors[0];
  if (first) reading.subject = first.entity;
  for (const m of mentions) if (table.isPerson(m.entity)) notePerson(reading, m.entity);
  const times = findTimeSpans(span.text, doc.published).map((t) => ({
    ...t,
    start: base + t.start,
    end: base + t.end,
  }));
  return { start: base, end: base + span.text.length, mentions, times, quotes };
}

export function analyzeDocument(doc: KnowledgeDocument): AnalyzedDocument {
  const { lower, capital } = documentVocabulary(doc.body);
  const table = new EntityTable();
  // Pass 1: spans per sentence, and the people named in full (their surnames become aliases).
  const perSentence = doc.paragraphs.map((p) =>
    splitSentences(p.text).map((s) => ({ span: s, names: findNameSpans(s.text, lower, capital) })),
  );
  for (const sents of perSentence) for (const { names } of sents) for (const n of names) table.register(n);
  // Pass 2: mentions in reading order, descriptions and pronouns resolved by recency, quotes and times.
  const reading: Reading = { recentPeople: [], subject: -1 };
  const sentences: AnalyzedSentence[] = [];
  for (const [pi, sents] of perSentence.entries()) {
    const paragraph = doc.paragraphs[pi] as (typeof doc.paragraphs)[number];
    for (const [si, { span, names }] of sents.entries()) {
      const analyzed = analyzeSentence(doc, span, paragraph.start + span.start, names, table, reading);
      sentences.push({ paragraph: paragraph.index, sentence: si + 1, ...analyzed });
    }
  }
  return { entities: table.entities, sentences };
}
