/**
 * What one server sees: the shared base plus that server's own documents, and nothing else. Answers are asked
 * of both knowledge bases and merged on the engine's score.
 *
 * Why two indexes merged, not one index with a per-server filter: the base is built once and shared by every
 * server (and every process of a shard group); a server's documents change often and must not rebuild it. And
 * why the merge is fair: the engine's result score is not a raw BM25 sum (whose idf grows with the log of the
 * passage count, ~11 at 100k passages against ~4 at 100). It is the share of the query's idf weight the
 * sentence matches, plus half its passage's index score relative to the best passage of the same index, plus
 * fixed bonuses for holding what the command asks (a date, a name, a quote) — each part a ratio of the index's
 * own numbers, so a sentence matching the whole query scores about the same in either index. What still
 * differs is the relative weight of the query's words (idf within each collection); tests/knowledge/
 * guild-knowledge.test.ts measures that a server passage matching the question better wins over a base full
 * of partial matches, and the other way round. On equal scores the server's own document comes first.
 */
import { createHash } from 'node:crypto';
import { type Answer, type Command, DEFAULT_LIMIT } from '../engine/answer.ts';
import type { TimelineEvent } from '../engine/timeline.ts';
import type { DocumentMeta } from './document.ts';
import type { AnswerOptions, KnowledgeBase, KnowledgeStats } from './knowledge-base.ts';
import type { NameChoice } from './role-completion.ts';

/** What commands read: a KnowledgeBase is one, and so is a KnowledgeView. */
export interface AnswerSource {
  readonly version: string;
  readonly documents: readonly DocumentMeta[];
  readonly stats: KnowledgeStats;
  answer(command: Command, query: string, options?: AnswerOptions): Answer;
  completeNames(input: string, limit?: number): string[];
  completeSpeakers(input: string, limit?: number): string[];
  nameChoices(input: string, limit?: number): NameChoice[];
  speakerChoices(input: string, limit?: number): NameChoice[];
  timeline(about?: string): TimelineEvent[];
}

function sumStats(a: KnowledgeStats, b: KnowledgeStats): KnowledgeStats {
  return {
    documents: a.documents + b.documents,
    passages: a.passages + b.passages,
    people: a.people + b.people,
    quotes: a.quotes + b.quotes,
    times: a.times + b.times,
  };
}

/** Both lists in turn, the server's first, without repeats (of a choice's value), at most `limit`. */
function interleave<T extends string | NameChoice>(
  own: readonly T[],
  base: readonly T[],
  limit: number,
): T[] {
  const out: T[] = [];
  const choiceValue = (item: T) => (typeof item === 'string' ? item : item.value);
  for (let i = 0; out.length < limit && (i < own.length || i < base.length); i++) {
    for (const item of [own[i], base[i]])
      if (item !== undefined && !out.some((o) => choiceValue(o) === choiceValue(item)) && out.length < limit)
        out.push(item);
  }
  return out;
}

/** The merged answer: results of both by score (the server's first on a tie), the summary of the best. */
export function mergeAnswers(own: Answer, base: Answer, limit: number): Answer {
  if (!own.found && !base.found) return own.suggestions.length > 0 ? own : base;
  if (!base.found) return own;
  if (!own.found) return base;
  const tagged = [
    ...own.results.map((result) => ({ result, from: own })),
    ...base.results.map((result) => ({ result, from: base })),
  ];
  // Array.prototype.sort is stable: on equal scores the server's results stay ahead.
  tagged.sort((a, b) => b.result.score - a.result.score);
  const lead = (tagged[0] as (typeof tagged)[number]).from;
  return { ...lead, results: tagged.slice(0, limit).map(({ result }) => result) };
}

export class KnowledgeView implements AnswerSource {
  readonly version: string;
  readonly documents: readonly DocumentMeta[];
  readonly stats: KnowledgeStats;

  /** `own` undefined: a DM, or a server without documents of its own. */
  constructor(
    readonly base: KnowledgeBase,
    readonly own: KnowledgeBase | undefined,
  ) {
    this.documents = own ? [...base.documents, ...own.documents] : base.documents;
    this.stats = own ? sumStats(base.stats, own.stats) : base.stats;
    this.version = own
      ? createHash('sha256').update(`${base.version}+${own.version}`).digest('hex').slice(0, 12)
      : base.version;
  }

  answer(command: Command, query: string, options: AnswerOptions = {}): Answer {
    const fromBase = this.base.answer(command, query, options);
    if (!this.own || this.own.stats.documents === 0) return fromBase;
    const fromOwn = this.own.answer(command, query, options);
    return mergeAnswers(fromOwn, fromBase, options.limit ?? DEFAULT_LIMIT);
  }

  completeNames(input: string, limit?: number): string[] {
    return this.#completed((kb) => kb.completeNames(input, limit), limit);
  }

  completeSpeakers(input: string, limit?: number): string[] {
    return this.#completed((kb) => kb.completeSpeakers(input, limit), limit);
  }

  nameChoices(input: string, limit?: number): NameChoice[] {
    return this.#completed((kb) => kb.nameChoices(input, limit), limit);
  }

  speakerChoices(input: string, limit?: number): NameChoice[] {
    return this.#completed((kb) => kb.speakerChoices(input, limit), limit);
  }

  /** An autocomplete of the server's documents interleaved with the base's, the server's first. */
  #completed<T extends string | NameChoice>(complete: (kb: KnowledgeBase) => T[], limit?: number): T[] {
    const base = complete(this.base);
    if (!this.own) return base;
    return interleave(complete(this.own), base, limit ?? base.length);
  }

  /** Both timelines in date order; on the same date the base's events first, each list in its own order. */
  timeline(about?: string): TimelineEvent[] {
    const base = this.base.timeline(about);
    if (!this.own) return base;
    // Array.prototype.sort is stable, and each list is already in order.
    return [...base, ...this.own.timeline(about)].sort((a, b) =>
      a.date < b.date ? -1 : a.date > b.date ? 1 : 0,
    );
  }
}
