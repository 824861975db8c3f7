/**
 * Document-level extraction: sentences, name mentions resolved to entities (full names, surnames,
 * descriptions such as "the French leader", pronouns), time expressions and direct quotations with
 * their speakers. Offsets are in the document body, so excerpts are always exact text.
 */
import type { KnowledgeDocument } from '../../knowledge/document.ts';
import { splitSentences } from '../text/sentences.ts';
import { AFTER_DESCRIPTION, DESCRIPTION_NOUNS, NON_NAME_WORDS, TITLE_WORDS } from './lexicon.ts';
import { findNameSpans, type NameKind, withoutSuffix } from './names.ts';
import { findTimeSpans, type TimeKind } from './times.ts';

export interface LocalEntity {
  name: string;
  kind: NameKind;
  role?: string;
  aliases: Set<string>;
}

export interface LocalMention {
  entity: number;
  /** The whole mention, role included ("French Foreign Minister Anne Martin"). */
  start: number;
  end: number;
  /** Where the name itself starts (after the role). */
  nameStart: number;
  /** How the text names the entity. */
  via: 'name' | 'alias' | 'description';
  possessive: boolean;
}

export interface LocalQuote {
  start: number;
  end: number;
  /** Local entity id of the speaker, -1 when no speaker is found. */
  speaker: number;
}

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

const QUOTE = /"([^"]{2,})"|“([^”]{2,})”/g;
const DESCRIPTION = new RegExp(
  `\\b[Tt]he ((?:\\p{Lu}[\\p{L}.'’-]*\\s+){0,2})(${[...DESCRIPTION_NOUNS].join('|')})\\b(?!\\s+of\\b)`,
  'gu',
);
const PRONOUN = /\b(?:[Hh]e|[Ss]he)\b/g;
const SPEECH_VERBS =
  'said|says|say|told|tells|added|adds|remarked|stated|wrote|writes|declared|asked|replied|explained|noted|insisted|warned|argued|claimed|announced|recalled|continued';
const AFTER_QUOTE_SPEAKER = new RegExp(`^,?\\s*(?:(?:${SPEECH_VERBS})\\s+)?$`);

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

export function analyzeDocument(doc: KnowledgeDocument): AnalyzedDocument {
  const { lower, capital } = documentVocabulary(doc.body);
  const entities: LocalEntity[] = [];
  const byName = new Map<string, number>();
  const byAlias = new Map<string, number>();
  const sentences: AnalyzedSentence[] = [];

  const entityFor = (name: string, kind: NameKind, role?: string): number => {
    const key = name.toLowerCase();
    let id = byName.get(key);
    if (id === undefined) {
      id = entities.length;
      entities.push({ name, kind, aliases: new Set([name]) });
      byName.set(key, id);
    }
    const entity = entities[id] as LocalEntity;
    if (role && !entity.role) entity.role = role;
    if (kind !== 'other' && entity.kind === 'other') entity.kind = kind;
    return id;
  };

  // Pass 1: spans per sentence, and the people named in full (their surnames become aliases).
  const perSentence = doc.paragraphs.map((p) =>
    splitSentences(p.text).map((s) => ({ span: s, names: findNameSpans(s.text, lower, capital) })),
  );
  for (const sents of perSentence)
    for (const { names } of sents)
      for (const n of names) {
        if ((n.kind === 'other' && !n.role) || n.adjectiveLike) continue;
        const id = entityFor(n.name, n.kind, n.role);
        const words = withoutSuffix(n.name).split(/\s+/);
        if (n.kind === 'person' && words.length >= 2) {
          const last = words[words.length - 1] as string;
          const first = words[0] as string;
          for (const alias of [last, first]) {
            if (/^\p{Lu}\.?$/u.test(alias) || TITLE_WORDS.has(alias.toLowerCase())) continue;
            if (!byAlias.has(alias.toLowerCase())) byAlias.set(alias.toLowerCase(), id);
            (entities[id] as LocalEntity).aliases.add(alias);
          }
        }
        if (n.kind === 'org') {
          const tail = n.name.replace(/^.*['’]s\s+/, '');
          if (tail !== n.name) {
            if (!byAlias.has(tail.toLowerCase())) byAlias.set(tail.toLowerCase(), id);
            (entities[id] as LocalEntity).aliases.add(tail);
          }
        }
      }

  // Pass 2: mentions in reading order, descriptions and pronouns resolved by recency, quotes and times.
  const recentPeople: number[] = []; // most recent last
  let subject = -1; // the person the text is currently about
  const notePerson = (id: number) => {
    const i = recentPeople.lastIndexOf(id);
    if (i >= 0) recentPeople.splice(i, 1);
    recentPeople.push(id);
  };
  for (const [pi, sents] of perSentence.entries()) {
    const paragraph = doc.paragraphs[pi] as (typeof doc.paragraphs)[number];
    for (const [si, { span, names }] of sents.entries()) {
      const base = paragraph.start + span.start;
      const mentions: LocalMention[] = [];
      for (const n of names) {
        const key = n.name.toLowerCase();
        let id = byName.get(key);
        let via: LocalMention['via'] = 'name';
        if (id === undefined && n.kind !== 'org' && !n.role) {
          id = byAlias.get(key);
          via = 'alias';
        }
        if (id === undefined && n.adjectiveLike) continue;
        if (id === undefined) id = entityFor(n.name, n.kind, n.role);
        mentions.push({
          entity: id,
          start: base + n.start,
          end: base + n.end,
          nameStart: base + n.nameStart,
          via,
          possessive: n.possessive,
        });
      }
      // "the French leader": the latest person whose role carries the qualifier, else the latest person.
      for (const m of span.text.matchAll(DESCRIPTION)) {
        const start = base + m.index;
        const end = start + m[0].length;
        if (
          mentions.some(
            (x) => x.start < end && start < x.end && (entities[x.entity] as LocalEntity).kind === 'person',
          )
        )
          continue;
        const qualifier = (m[1] ?? '').trim().toLowerCase();
        if (qualifier && NON_NAME_WORDS.has(qualifier)) continue;
        const next = /^\s+(\p{Ll}+)\b/u.exec(span.text.slice(m.index + m[0].length))?.[1];
        if (next && !AFTER_DESCRIPTION.has(next) && !/(?:ed|ly|s)$/.test(next)) continue;
        const pool = [
          ...recentPeople,
          ...mentions
            .filter((x) => x.start < start && (entities[x.entity] as LocalEntity).kind === 'person')
            .map((x) => x.entity),
        ];
        let target = -1;
        for (let k = pool.length - 1; k >= 0; k--) {
          const e = entities[pool[k] as number] as LocalEntity;
          if (!qualifier || (e.role ?? '').toLowerCase().includes(qualifier)) {
            target = pool[k] as number;
            break;
          }
        }
        if (target < 0 && pool.length > 0) {
          // a qualifier no role mentions ("the Treasury chief"): the latest person, if named in this sentence
          const latest = pool[pool.length - 1] as number;
          if (mentions.some((x) => x.entity === latest && x.start < start)) target = latest;
        }
        if (target < 0) continue;
        // "the French leader" names one person; a bare "the president" is no alias for the whole knowledge base
        if (qualifier) (entities[target] as LocalEntity).aliases.add(m[0].replace(/^The/, 'the'));
        mentions.push({
          entity: target,
          start,
          end,
          nameStart: start,
          via: 'description',
          possessive: false,
        });
      }
      mentions.sort((a, b) => a.start - b.start);
      // Pronouns resolve to the current subject; they are kept only to find speakers and subjects.
      const pronouns: { at: number; entity: number }[] = [];
      if (subject >= 0)
        for (const m of span.text.matchAll(PRONOUN)) pronouns.push({ at: base + m.index, entity: subject });
      const isPerson = (id: number) => (entities[id] as LocalEntity).kind === 'person';
      const actors = [
        ...mentions
          .filter((m) => !m.possessive && isPerson(m.entity))
          .map((m) => ({ at: m.start, entity: m.entity })),
        ...pronouns,
      ].sort((a, b) => a.at - b.at);

      const quotes: LocalQuote[] = [];
      for (const q of span.text.matchAll(QUOTE)) {
        const qStart = base + q.index + 1;
        const qEnd = base + q.index + q[0].length - 1;
        let speaker = -1;
        const after = doc.body.slice(qEnd + 1, base + span.text.length);
        // "...," said Jane Doe.  /  "...," Doe said.
        const next = actors.find((a) => a.at > qEnd);
        if (next && AFTER_QUOTE_SPEAKER.test(doc.body.slice(qEnd + 1, next.at).replace(/^[,.!?]/, ',')))
          speaker = next.entity;
        if (speaker < 0) speaker = actors.find((a) => a.at < qStart)?.entity ?? -1;
        if (speaker < 0 && after.length > 0) speaker = next?.entity ?? -1;
        if (speaker < 0) speaker = subject;
        quotes.push({ start: qStart, end: qEnd, speaker });
      }

      const first = actors[0];
      if (first) subject = first.entity;
      for (const m of mentions) if (isPerson(m.entity)) notePerson(m.entity);

      const times = findTimeSpans(span.text, doc.published).map((t) => ({
        ...t,
        start: base + t.start,
        end: base + t.end,
      }));
      sentences.push({
        paragraph: paragraph.index,
        sentence: si + 1,
        start: base,
        end: base + span.text.length,
        mentions,
        times,
        quotes,
      });
    }
  }
  return { entities, sentences };
}
