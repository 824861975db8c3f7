/**
 * Document-level extraction: sentences, name mentions resolved to entities (full names, surnames,
 * descriptions such as "the French leader", pronouns), time expressions and direct quotations with
 * their speakers. Offsets are in the document body, so excerpts are always exact text.
 */
import type { KnowledgeDocument } from '../../knowledge/document.ts';
import { type SentenceSpan, splitSentences } from '../text/sentences.ts';
import { describedSpeaker } from './described-speaker.ts';
import { addDescribedMentions, type LocalMention } from './descriptions.ts';
import { EntityTable, type LocalEntity } from './entities.ts';
import { type Gender, Genders, genderOfTitle, pronounGender } from './gender.ts';
import { isTitleCase, writtenOutside } from './headlines.ts';
import { findNameSpans, type NameSpan } from './names.ts';
import { pronounMentions } from './pronouns.ts';
import { quotedRanges } from './quote-marks.ts';
import {
  type LocalQuote,
  POSSESSED_WORDS,
  paragraphQuotes,
  type QuoteContext,
  reportingSubject,
} from './quotes.ts';
import { type Actor, isObjectAfter, mainClauseStart } from './reporting-verbs.ts';
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
  /** Its mentions by name, alias or description in text order, then its pronouns that stand for someone. */
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
function nameMentions(text: string, names: NameSpan[], base: number, table: EntityTable): LocalMention[] {
  const mentions: LocalMention[] = [];
  for (const [k, n] of names.entries()) {
    // "Omar and Lena Vasko": a first name joined to a full name shares its surname, whoever else is "Omar"
    const next = names[k + 1];
    const sibling =
      !/\s/.test(n.name) &&
      next?.kind === 'person' &&
      /\s/.test(next.name) &&
      /^\s+and\s+$/.test(text.slice(n.nameEnd, next.nameStart))
        ? `${n.name} ${next.name.split(/\s+/).at(-1)}`
        : undefined;
    // "Clinton", "the Clinton campaign": a surname of someone named in full is that person
    let id = sibling
      ? table.entityFor(sibling, 'person')
      : !/\s/.test(n.name)
        ? table.fullNameOf(n.name)
        : undefined;
    let via: LocalMention['via'] = id === undefined || sibling ? 'name' : 'alias';
    id ??= table.byName(n.name);
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

/** What the reading so far knows: the people named lately, the person the text is about, the last quotation. */
interface Reading {
  /** Most recent last. */
  recentPeople: number[];
  /** The person the text is currently about, -1 for none. */
  subject: number;
  /**
   * The latest sentence opens with a one-word name the text never shows as a person's ("Carson defied the
   * question."): a pronoun after it may stand for that name, so for no one known.
   */
  subjectUnknown: boolean;
  quotes: QuoteContext;
  genders: Genders;
  /** The role of a description that opened the sentence before and held no one known ("The Zeta minister says"). */
  introduced?: string;
  /** Sentences read so far, and the last of them that named each person (for how sure a pronoun is). */
  sentencesRead: number;
  lastNamed: Map<number, number>;
}

function notePerson(reading: Reading, id: number): void {
  const i = reading.recentPeople.lastIndexOf(id);
  if (i >= 0) reading.recentPeople.splice(i, 1);
  reading.recentPeople.push(id);
}

/** "Ann Lee said she", "Lee told reporters that he": a pronoun that can only stand for the name before it. */
const REPORTED_PRONOUN =
  /^\s+(?:(?:has|had|also)\s+)?(?:said|says|told\s+\S+|tells\s+\S+|added|adds|wrote|writes|insisted|insists|noted|notes)\s+(?:that\s+)?$/;

/**
 * What a pronoun of `gender` at `at` stands for: the first person of that gender (or of unknown gender) named
 * before it in the sentence and not as an object ("asked about Lee, Ann Vale said she"; its subject: "Ada Brenner said she ..."), else the current subject, else the latest
 * person known to be of that gender; -1 for none. "Ann Lee said she" teaches Ann Lee's gender.
 */
function antecedent(
  text: string,
  base: number,
  named: Actor[],
  at: number,
  gender: Gender,
  reading: Reading,
) {
  const fitting = named.find(
    (a) =>
      a.person &&
      a.at < at &&
      reading.genders.fits(a.entity, gender) &&
      !isObjectAfter(text.slice(0, a.at - base)),
  );
  if (fitting) {
    if (REPORTED_PRONOUN.test(text.slice(fitting.end - base, at - base)))
      reading.genders.note(fitting.entity, gender);
    return fitting.entity;
  }
  if (reading.subjectUnknown) return -1;
  if (reading.subject >= 0 && reading.genders.fits(reading.subject, gender)) return reading.subject;
  return reading.recentPeople.findLast((e) => reading.genders.of(e) === gender) ?? -1;
}

/**
 * Who can speak in the sentence, in reading order: named or described people and pronouns, then organizations and
 * places (kind 'other' with a role aside), which speak only when no person does.
 */
function sentenceActors(
  text: string,
  base: number,
  mentions: LocalMention[],
  table: EntityTable,
  reading: Reading,
  quoted: ReturnType<typeof quotedRanges>,
) {
  const actors: Actor[] = [];
  for (const m of mentions) {
    // (but `Lee's "we will build it" promise`: the owner of the words speaks them)
    if (m.possessive && !POSSESSED_WORDS.test(text.slice(m.end - base))) continue;
    // "Acme Corp president Ann Lee": the organization in a person's role is not an actor of its own
    if (
      mentions.some(
        (o) => o !== m && o.start <= m.start && o.end >= m.end && o.end - o.start > m.end - m.start,
      )
    )
      continue;
    const kind = (table.entities[m.entity] as LocalEntity).kind;
    actors.push({ at: m.start, end: m.end, entity: m.entity, person: kind === 'person' });
  }
  // a name inside a quotation is no antecedent ("'Cruz is our best debater,' he says")
  const named = actors.filter((a) => !quoted.some((q) => a.at - base >= q.start && a.at - base < q.end));
  for (const m of text.matchAll(PRONOUN)) {
    const at = base + m.index;
    const entity = antecedent(text, base, named, at, pronounGender(m[0]), reading);
    if (entity >= 0) actors.push({ at, end: at + m[0].length, entity, person: true });
  }
  return actors.sort((a, b) => a.at - b.at);
}

/**
 * "The Zeta sports minister says he ... . Ann Lee claims ...": a sentence that opens with a person named in full,
 * new to the text and with no role, names whom the description opening the sentence before introduced.
 */
function introduce(
  first: LocalMention | undefined,
  base: number,
  role: string,
  table: EntityTable,
  reading: Reading,
): void {
  if (!first || first.start !== base || first.via !== 'name' || first.possessive) return;
  const e = table.entities[first.entity] as LocalEntity;
  if (!table.isPerson(first.entity) || e.role || !/\s/.test(e.name)) return;
  if (reading.recentPeople.includes(first.entity)) return;
  table.entityFor(e.name, e.kind, role);
}

/**
 * "Tom Hale came with his wife Eve Stone": a role after "his" or "her" is held towards the person the pronoun
 * stands for, and says so ("Tom Hale's wife"), as a role after a name's possessive does.
 */
function ownRoles(
  body: string,
  text: string,
  base: number,
  mentions: LocalMention[],
  actors: Actor[],
  table: EntityTable,
  reading: Reading,
): void {
  for (const m of mentions) {
    if (m.start === m.nameStart || m.via !== 'name' || !table.isPerson(m.entity)) continue;
    const pronoun = /\b(his|her) $/i.exec(body.slice(Math.max(base, m.start - 5), m.start))?.[1];
    if (!pronoun) continue;
    const gender = pronoun.toLowerCase() === 'his' ? 'male' : 'female';
    const owner = antecedent(text, base, actors, m.start, gender, reading);
    if (owner < 0 || owner === m.entity || !table.isPerson(owner)) continue;
    const e = table.entities[m.entity] as LocalEntity;
    const role = body.slice(m.start, m.nameStart).trim();
    table.entityFor(e.name, e.kind, `${(table.entities[owner] as LocalEntity).name}'s ${role}`);
  }
}

/** A sentence analysed but for its quotations, which are attributed a paragraph at a time. */
type SentenceFacts = Omit<AnalyzedSentence, 'paragraph' | 'sentence' | 'quotes'> & { actors: Actor[] };

function analyzeSentence(
  doc: KnowledgeDocument,
  span: SentenceSpan,
  base: number,
  names: NameSpan[],
  table: EntityTable,
  reading: Reading,
): SentenceFacts {
  const mentions = nameMentions(span.text, names, base, table);
  if (reading.introduced) introduce(mentions[0], base, reading.introduced, table, reading);
  reading.introduced = addDescribedMentions(span.text, base, mentions, table, reading.recentPeople);
  mentions.sort((a, b) => a.start - b.start);
  const quoted = quotedRanges(span.text);
  // (only a mention with a title or role before its name, or an entity with a role, can tell a gender)
  for (const m of mentions) {
    const role = (table.entities[m.entity] as LocalEntity).role;
    if ((m.start < m.nameStart || role) && m.via !== 'description' && table.isPerson(m.entity))
      reading.genders.note(m.entity, genderOfTitle(`${doc.body.slice(m.start, m.nameStart)} ${role ?? ''}`));
  }
  const actors = sentenceActors(span.text, base, mentions, table, reading, quoted);
  ownRoles(doc.body, span.text, base, mentions, actors, table, reading);
  // the subject is the speaker of a reporting verb, else the first person acting outside the quotations and
  // outside an opening subordinate clause ("While Lee pledged to work with both, Vale insisted that …")
  const outside = (a: Actor) =>
    a.person && !quoted.some((q) => a.at - base >= q.start && a.at - base < q.end);
  const main = base + mainClauseStart(span.text);
  const first = actors.find((a) => outside(a) && a.at >= main) ?? actors.find(outside);
  // ('"...," Kunin said.' makes Kunin whom the next "she said" means)
  const speaking = first && quoted.length > 0 ? reportingSubject(span.text, base, actors, quoted) : undefined;
  // ("(Zeta Footwear makes her shoes.)": a sentence in parentheses is an aside, its subject not the text's)
  const aside = /^\s*\(.*\)\W*$/s.test(span.text);
  if (!aside && speaking !== undefined) reading.subject = speaking;
  else if (!aside && first) reading.subject = first.entity;
  const opener = mentions[0];
  reading.subjectUnknown =
    speaking === undefined &&
    opener !== undefined &&
    (first === undefined || first.at > opener.start) &&
    !opener.possessive &&
    (table.entities[opener.entity] as LocalEntity).kind === 'other' &&
    /^\P{L}*$/u.test(span.text.slice(0, opener.start - base)) &&
    !quoted.some((q) => opener.start - base >= q.start && opener.start - base < q.end) &&
    /^\p{Lu}[\p{L}'’-]*\p{Ll}$/u.test(doc.body.slice(opener.nameStart, opener.end)) &&
    /^,?\s+\p{Ll}/u.test(doc.body.slice(opener.end, opener.end + 3));
  const pronouns = pronounMentions(span.text, base, mentions, actors, quoted, table, reading);
  for (const m of mentions)
    if (table.isPerson(m.entity)) {
      notePerson(reading, m.entity);
      reading.lastNamed.set(m.entity, reading.sentencesRead);
    }
  reading.sentencesRead++;
  const times = findTimeSpans(span.text, doc.published).map((t) => ({
    ...t,
    start: base + t.start,
    end: base + t.end,
  }));
  // (names first, in text order, then the pronouns: kb-data stores them apart)
  return { start: base, end: base + span.text.length, mentions: [...mentions, ...pronouns], times, actors };
}

export function analyzeDocument(doc: KnowledgeDocument): AnalyzedDocument {
  const { lower, capital } = documentVocabulary(doc.body);
  const table = new EntityTable();
  // Pass 1: spans per sentence, and the people named in full (their surnames become aliases).
  const perSentence = doc.paragraphs.map((p) => {
    // a headline in title case capitalises every word ("Vale Slams Dal Over Tax"): its names are only those the
    // body writes too
    const headline = isTitleCase(p.text, lower);
    return splitSentences(p.text).map((s) => ({
      span: s,
      names: findNameSpans(s.text, lower, capital).filter(
        (n) => !headline || writtenOutside(doc.body, n.name, p.start, p.start + p.text.length),
      ),
    }));
  });
  const spans = perSentence.flat().flatMap((x) => x.names);
  for (const n of spans) if (/\s/.test(n.name)) table.register(n);
  for (const n of spans) if (!/\s/.test(n.name)) table.register(n);
  // Pass 2: mentions in reading order, descriptions and pronouns resolved by recency, times; then each
  // paragraph's quotations.
  const reading: Reading = {
    recentPeople: [],
    subject: -1,
    subjectUnknown: false,
    quotes: { lastSpeaker: -1, lastParagraph: 0, lastOpen: false, signable: [] },
    genders: new Genders(),
    sentencesRead: 0,
    lastNamed: new Map(),
  };
  const sentences: AnalyzedSentence[] = [];
  const described = describedSpeaker(doc.body, table, reading);
  for (const [pi, sents] of perSentence.entries()) {
    const paragraph = doc.paragraphs[pi] as (typeof doc.paragraphs)[number];
    const facts = sents.map(({ span, names }) =>
      analyzeSentence(doc, span, paragraph.start + span.start, names, table, reading),
    );
    const quotes = paragraphQuotes(
      paragraph.text,
      paragraph.start,
      facts.map((f) => ({ start: f.start, actors: f.actors })),
      paragraph.index,
      reading.quotes,
      described,
    );
    for (const [si, { actors: _actors, ...f }] of facts.entries()) {
      const next = facts[si + 1]?.start ?? Number.POSITIVE_INFINITY;
      const own = quotes.filter((q) => q.start - 1 >= f.start && q.start - 1 < next);
      sentences.push({ paragraph: paragraph.index, sentence: si + 1, ...f, quotes: own });
    }
  }
  return { entities: table.entities, sentences };
}
