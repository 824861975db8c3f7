/**
 * Reported statements: what a sentence says someone said in its own words ("Lee said the talks would resume",
 * "according to Lee, …", "Velmar officials denied …"). They are read when a question asks for them, from the
 * sentence and the mentions extraction stored, so building a knowledge base costs nothing more.
 */
import type { KbView, Sentence, Span } from '../../index/kb-view.ts';
import type { AnswerResult } from '../answer.ts';
import { terms as textTerms, wordTexts } from '../text/terms.ts';
import { citedResult } from './cited-result.ts';
import { MENTIONS_SCANNED } from './entity-mentions.ts';
import { windowAt } from './excerpt-windows.ts';
import { queryTerms } from './query-terms.ts';
import { mayReport, reportedStatement } from './reported-speech.ts';
import { rankSentences } from './sentence-ranking.ts';

export interface Report extends Span {
  sentence: Sentence;
  /** Entity id of whom it is reported, -1 when the text names no one ("analysts said"). */
  speaker: number;
  /** The words that name its source when no entity does ("Velmar officials"). */
  subject?: string;
}

/** Sentences read for a source the knowledge base has no entity for ("what did analysts say"). */
const SENTENCES_READ = 200;

/** The statement a sentence reports, if any, with its mentions as the sentence's actors. */
export function reportIn(kb: KbView, sentence: Sentence): Report | undefined {
  const text = kb.text(sentence);
  if (!mayReport(text)) return undefined;
  const mentions = kb.mentionsIn(sentence).filter((m) => !m.possessive);
  // (a "he" or "she" extraction resolved beyond doubt is an actor as its person's name is)
  const actors = [...mentions, ...kb.pronounsIn(sentence)]
    // (the organization inside a person's role is not an actor of its own: "Acme Corp president Ann Lee")
    .filter(
      (m) =>
        !mentions.some(
          (o) => o !== m && o.start <= m.start && o.end >= m.end && o.end - o.start > m.end - m.start,
        ),
    )
    .map((m) => ({
      at: m.start - sentence.start,
      end: m.end - sentence.start,
      entity: m.entity,
      person: kb.entity(m.entity).kind === 'person',
    }))
    .sort((a, b) => a.at - b.at);
  const r = reportedStatement(text, actors);
  if (!r) return undefined;
  const speaker = r.pronoun ? antecedentOf(kb, sentence) : r.speaker;
  if (speaker < 0 && !r.subject) return undefined;
  return {
    sentence,
    start: sentence.start + r.start,
    end: sentence.start + r.end,
    speaker,
    ...(r.subject ? { subject: r.subject } : {}),
  };
}

/** Sentences before a "he said" read for whom it stands for. */
const ANTECEDENT_SENTENCES = 2;

/**
 * Whom "he" or "she" reporting in a sentence that names no person stands for: the one person the latest sentence
 * before it that names people names (in the same document); -1 when that sentence names several, or none does
 * close enough. Gender is not stored, so two people named together leave it unknown rather than guessed.
 */
function antecedentOf(kb: KbView, sentence: Sentence): number {
  const people = (s: Sentence) =>
    new Set(
      kb
        .mentionsIn(s)
        .filter((m) => !m.possessive && kb.entity(m.entity).kind === 'person')
        .map((m) => m.entity),
    );
  if (people(sentence).size > 0) return -1;
  for (let id = sentence.id - 1; id >= 0 && id >= sentence.id - ANTECEDENT_SENTENCES; id--) {
    const before = kb.sentence(id);
    if (before.document !== sentence.document) break;
    const named = people(before);
    if (named.size > 0) return named.size === 1 ? ([...named][0] as number) : -1;
  }
  return -1;
}

/**
 * The statements reported of an entity, in document order, one per sentence that names it (or that follows one
 * naming a person: "He said …"), at most `max`.
 */
export function reportsOf(kb: KbView, id: number, max: number): Report[] {
  const reports: Report[] = [];
  const seen = new Set<number>();
  const after = kb.entity(id).kind === 'person' ? ANTECEDENT_SENTENCES : 0;
  for (const mentionId of kb.entity(id).mentions.slice(0, MENTIONS_SCANNED)) {
    const named = kb.mention(mentionId).sentence;
    for (let sentence = named; sentence <= named + after && sentence < kb.sentenceCount; sentence++) {
      if (seen.has(sentence)) continue;
      seen.add(sentence);
      const report = reportIn(kb, kb.sentence(sentence));
      if (report?.speaker === id && reports.push(report) >= max) return reports;
    }
  }
  return reports;
}

/**
 * The statements reported of an entity in the sentences that best match a topic: an entity named in thousands of
 * sentences has more than reportsOf reads, and what is asked about may be past them.
 */
export function reportsOnTopic(kb: KbView, id: number, topic: string): Report[] {
  // (an article that names only "Lee" has an entity "Lee" of its own: it is the Ann Lee asked about)
  const e = kb.entity(id);
  const names = new Set([e.name, ...e.aliases].map((n) => n.toLowerCase()));
  const isAsked = (entity: number) => entity === id || names.has(kb.entity(entity).name.toLowerCase());
  const reports: Report[] = [];
  for (const r of rankSentences(kb, queryTerms(kb, topic, false), () => 0).slice(0, SENTENCES_READ)) {
    if (!kb.mentionsIn(r.sentence).some((m) => isAsked(m.entity))) continue;
    const report = reportIn(kb, r.sentence);
    if (report && report.speaker >= 0 && isAsked(report.speaker)) reports.push(report);
  }
  return reports;
}

/** Who a report is of, as a result shows it: the entity's name, else the words the text names its source with. */
export function reportSource(kb: KbView, report: Report): string | undefined {
  return report.speaker >= 0 ? kb.entity(report.speaker).name : report.subject;
}

/**
 * Statements reported of a source the query names in words ("analysts", "Velmar officials") on a topic (may be
 * empty), best match first: every word of the source (its stem: "analyst", "analysts") must be in the words that name the statement's source.
 */
export function reportsBy(kb: KbView, source: string, topic: string): { report: Report; score: number }[] {
  const wanted = textTerms(source);
  if (wanted.length === 0) return [];
  const q = queryTerms(kb, `${source} ${topic}`, false);
  const found: { report: Report; score: number }[] = [];
  // (a sentence that holds not even the start of each of the source's words is passed over unread)
  const stems = wordTexts(source.toLowerCase()).map((w) => w.slice(0, 5));
  for (const r of rankSentences(kb, q, () => 0).slice(0, SENTENCES_READ)) {
    const text = kb.text(r.sentence).toLowerCase();
    if (!stems.every((stem) => text.includes(stem))) continue;
    const report = reportIn(kb, r.sentence);
    const named = report && textTerms(reportSource(kb, report) ?? '');
    if (report && named && wanted.every((t) => named.includes(t))) found.push({ report, score: r.score });
  }
  return found;
}

/** A report as a /quote result: the statement highlighted, its source as the speaker, marked `reported`. */
export function reportResult(kb: KbView, report: Report, score: number): AnswerResult {
  const window = windowAt(kb, report.sentence);
  const result = citedResult(
    kb,
    report.sentence,
    { start: report.start, end: Math.min(report.end, window.end) },
    score,
    window,
  );
  const source = reportSource(kb, report);
  if (source) result.speaker = source;
  result.kind = 'reported';
  return result;
}
