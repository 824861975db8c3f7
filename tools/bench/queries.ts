/**
 * The benchmark's query mix, drawn with a seeded PRNG from the documents themselves by general rules
 * (capitalised runs for names, speech verbs near quotation marks for speakers, time words for events), so
 * it follows whatever text the set holds. Nothing here knows any particular document.
 */
import type { Command } from '../../src/engine/answer.ts';
import { seededRandom } from './corpus.ts';

export type Workload = Command | 'autocomplete';
export const WORKLOADS: readonly Workload[] = ['who', 'when', 'quote', 'search', 'autocomplete'];

export type QueryKind =
  | 'name'
  | 'question'
  | 'misspelling'
  | 'stopwords'
  | 'nomatch'
  | 'phrase'
  | 'topic'
  | 'prefix'
  | 'empty';

export interface BenchQuery {
  kind: QueryKind;
  text: string;
  /** Autocomplete only: which list is completed (`/who` → names, `/quote` → speakers). */
  complete?: 'names' | 'speakers';
}

export type QueryMix = Record<Workload, BenchQuery[]>;

const STOP_WORDS = new Set(
  (
    'a about above after again against all also am an and any are as at be because been before being below ' +
    'between both but by can could did do does doing down during each few for from further had has have having ' +
    'he her here hers herself him himself his how i if in into is it its itself just me more most my myself no ' +
    'nor not now of off on once only or other our ours ourselves out over own same she should so some such than ' +
    'that the their theirs them themselves then there these they this those through to too under until up very ' +
    'was we were what when where which while who whom why will with would you your yours yourself yourselves'
  ).split(' '),
);

const TIME_WORD =
  /^(monday|tuesday|wednesday|thursday|friday|saturday|sunday|january|february|march|april|may|june|july|august|september|october|november|december|yesterday|today|tomorrow|tonight|week|weekend|month|year|years|ago|[12]\d\d\d)$/i;
const SPEECH_VERB = /\b(said|says|told|asked|added|declared|remarked|replied|stated|explained|insisted)\b/;
const CAPITALISED = /^[A-Z][a-z]+$|^[A-Z][a-z]+[A-Z][a-z]+$/;

interface Pools {
  names: string[];
  speakers: string[];
  whoQuestions: string[];
  events: string[];
  topics: string[];
  phrases: string[];
  windows: string[];
  vocabulary: Set<string>;
}

function splitSentencesRoughly(paragraph: string): string[] {
  return paragraph.split(/(?<=[.!?]["”’]?)\s+(?=["“‘]?[A-Z])/).filter((s) => s.trim() !== '');
}

function wordsOf(sentence: string): string[] {
  return sentence.match(/[A-Za-z][A-Za-z'’-]*[A-Za-z]|[A-Za-z]|\d+/g) ?? [];
}

/** Runs of two or three capitalised words, not at the start of the sentence: the usual shape of a name. */
function nameRuns(sentence: string): { name: string; end: number }[] {
  const tokens = sentence.split(/\s+/);
  const runs: { name: string; end: number }[] = [];
  let run: string[] = [];
  const flush = (end: number) => {
    if (run.length >= 2 && run.length <= 3) runs.push({ name: run.join(' '), end });
    run = [];
  };
  for (let i = 1; i < tokens.length; i++) {
    const raw = tokens[i] ?? '';
    const lead = raw.replace(/^["“‘(]+/, '');
    const word = lead.replace(/(?:'s|’s)?[,;:.!?"”’)]*$/, '');
    if (lead !== raw) flush(i);
    if (CAPITALISED.test(word) && !STOP_WORDS.has(word.toLowerCase()) && !TIME_WORD.test(word)) {
      run.push(word);
      // Punctuation after the word ends the name.
      if (word !== lead) flush(i + 1);
    } else {
      flush(i);
    }
  }
  flush(tokens.length);
  return runs;
}

function buildPools(paragraphs: readonly string[]): Pools {
  const names = new Set<string>();
  const speakers = new Set<string>();
  const whoQuestions: string[] = [];
  const events: string[] = [];
  const topics: string[] = [];
  const phrases: string[] = [];
  const windows: string[] = [];
  const vocabulary = new Set<string>();
  for (const paragraph of paragraphs) {
    for (const sentence of splitSentencesRoughly(paragraph)) {
      const words = wordsOf(sentence);
      for (const w of words) vocabulary.add(w.toLowerCase());
      const runs = nameRuns(sentence);
      const quoted = /["“]/.test(sentence) && SPEECH_VERB.test(sentence);
      const tokens = sentence.split(/\s+/);
      for (const { name, end } of runs) {
        names.add(name);
        if (quoted) speakers.add(name);
        const after = tokens.slice(end, end + 4).map((t) => t.replace(/[^A-Za-z'-]/g, ''));
        if (after.length === 4 && /^[a-z]/.test(after[0] ?? '') && after.every((t) => t !== '')) {
          whoQuestions.push(`who ${after.join(' ')}`);
        }
      }
      const content = words.filter((w) => !STOP_WORDS.has(w.toLowerCase()));
      if (words.some((w) => TIME_WORD.test(w))) {
        const event = content.filter((w) => !TIME_WORD.test(w) && !/^\d+$/.test(w)).slice(0, 4);
        if (event.length >= 3) events.push(`when did ${event.join(' ')}`);
      }
      for (const inner of sentence.match(/["“]([^"”]{12,})["”]/g) ?? []) {
        const innerContent = wordsOf(inner).filter((w) => !STOP_WORDS.has(w.toLowerCase()) && w.length > 3);
        if (innerContent.length >= 2) topics.push(innerContent.slice(0, 2).join(' ').toLowerCase());
      }
      for (let i = 0; i + 4 <= content.length; i += 4) phrases.push(content.slice(i, i + 4).join(' '));
      for (let i = 0; i + 8 <= words.length; i += 8) {
        const window = words.slice(i, i + 8);
        const stops = window.filter((w) => STOP_WORDS.has(w.toLowerCase())).length;
        if (stops >= 5) windows.push(window.join(' ').toLowerCase());
      }
    }
  }
  return {
    names: [...names],
    speakers: [...speakers],
    whoQuestions,
    events,
    topics,
    phrases,
    windows,
    vocabulary,
  };
}

/** One typing mistake (swap, drop, double or replace a letter) inside a word of five letters or more. */
export function misspell(text: string, random: () => number): string {
  const words = text.split(' ');
  const candidates = words.map((w, i) => ({ w, i })).filter(({ w }) => /^[A-Za-z]{5,}$/.test(w));
  const target = candidates[Math.floor(random() * candidates.length)];
  if (!target) return text;
  const { w, i } = target;
  const at = 1 + Math.floor(random() * (w.length - 2));
  const op = Math.floor(random() * 4);
  let changed: string;
  if (op === 0) changed = w.slice(0, at) + (w[at + 1] ?? '') + (w[at] ?? '') + w.slice(at + 2);
  else if (op === 1) changed = w.slice(0, at) + w.slice(at + 1);
  else if (op === 2) changed = w.slice(0, at) + (w[at] ?? '') + w.slice(at);
  else {
    const letters = 'aeioustrnl'.replace(w[at]?.toLowerCase() ?? '', '');
    changed = w.slice(0, at) + letters[Math.floor(random() * letters.length)] + w.slice(at + 1);
  }
  // Swapping two equal letters changes nothing: drop one instead.
  words[i] = changed === w ? w.slice(0, at) + w.slice(at + 1) : changed;
  return words.join(' ');
}

const SYLLABLES = ['zor', 'qua', 'vex', 'blim', 'trox', 'gul', 'pyth', 'ksa', 'fren', 'dorb', 'wix', 'yug'];

/** Pronounceable words that are not in the documents' vocabulary. */
function nonsense(random: () => number, vocabulary: Set<string>): string {
  const words: string[] = [];
  const count = 1 + Math.floor(random() * 3);
  while (words.length < count) {
    let word = '';
    const syllables = 2 + Math.floor(random() * 2);
    for (let s = 0; s < syllables; s++) word += SYLLABLES[Math.floor(random() * SYLLABLES.length)];
    if (!vocabulary.has(word)) words.push(word);
  }
  return words.join(' ');
}

type Recipe = [QueryKind, number, (random: () => number) => BenchQuery | undefined];

/** `count` queries drawn from the recipes by weight (fewer if the recipes keep yielding nothing). */
function sampleQueries(list: Recipe[], count: number, random: () => number): BenchQuery[] {
  const total = list.reduce((n, [, weight]) => n + weight, 0);
  const queries: BenchQuery[] = [];
  let guard = 0;
  while (queries.length < count && guard++ < count * 20) {
    let roll = random() * total;
    let recipe = list[0] as Recipe;
    for (const candidate of list) {
      recipe = candidate;
      roll -= candidate[1];
      if (roll < 0) break;
    }
    const query = recipe[2](random);
    if (query && (query.text !== '' || query.kind === 'empty')) {
      queries.push(query);
    }
  }
  return queries;
}

/** `count` queries per workload, in a fixed order for a given seed and document set. */
export function buildQueryMix(paragraphs: readonly string[], count: number, seed = 7): QueryMix {
  const pools = buildPools(paragraphs);
  const pick = (pool: readonly string[], random: () => number) => pool[Math.floor(random() * pool.length)];
  const q = (kind: QueryKind, text: string | undefined, complete?: BenchQuery['complete']) =>
    text === undefined ? undefined : { kind, text, ...(complete ? { complete } : {}) };
  const opener = (words: string, rest: string | undefined) =>
    rest === undefined ? undefined : `${words} ${rest}`;
  const speakerPool = pools.speakers.length > 0 ? pools.speakers : pools.names;
  const misspelled = (pool: readonly string[], random: () => number) => {
    const text = pick(pool, random);
    return text === undefined ? undefined : misspell(text, random);
  };
  const noMatch: Recipe[2] = (r) => q('nomatch', nonsense(r, pools.vocabulary));
  const prefixOf = (pool: readonly string[], random: () => number) => {
    const name = pick(pool, random);
    return name?.slice(0, 1 + Math.floor(random() * name.length));
  };
  const recipes: Record<Workload, Recipe[]> = {
    who: [
      ['name', 40, (r) => q('name', pick(pools.names, r))],
      ['question', 20, (r) => q('question', pick(pools.whoQuestions, r))],
      ['misspelling', 15, (r) => q('misspelling', misspelled(pools.names, r))],
      ['stopwords', 15, (r) => q('stopwords', opener('who was it that', pick(pools.windows, r)))],
      ['nomatch', 10, noMatch],
    ],
    when: [
      ['question', 45, (r) => q('question', pick(pools.events, r))],
      ['misspelling', 15, (r) => q('misspelling', misspelled(pools.events, r))],
      ['stopwords', 25, (r) => q('stopwords', opener('when was it that', pick(pools.windows, r)))],
      ['nomatch', 15, noMatch],
    ],
    quote: [
      ['name', 40, (r) => q('name', pick(speakerPool, r))],
      ['topic', 20, (r) => q('topic', pick(pools.topics, r))],
      ['misspelling', 15, (r) => q('misspelling', misspelled(speakerPool, r))],
      ['stopwords', 10, (r) => q('stopwords', opener('what did they say about', pick(pools.windows, r)))],
      ['nomatch', 15, noMatch],
    ],
    search: [
      ['phrase', 35, (r) => q('phrase', pick(pools.phrases, r))],
      ['misspelling', 20, (r) => q('misspelling', misspelled(pools.phrases, r))],
      ['stopwords', 20, (r) => q('stopwords', opener('is there anything about', pick(pools.windows, r)))],
      ['name', 10, (r) => q('name', pick(pools.names, r))],
      ['nomatch', 15, noMatch],
    ],
    autocomplete: [
      ['prefix', 30, (r) => q('prefix', prefixOf(pools.names, r), 'names')],
      ['prefix', 30, (r) => q('prefix', prefixOf(speakerPool, r), 'speakers')],
      [
        'misspelling',
        20,
        (r) => q('misspelling', misspelled(pools.names, r), r() < 0.5 ? 'names' : 'speakers'),
      ],
      ['empty', 5, (r) => q('empty', '', r() < 0.5 ? 'names' : 'speakers')],
      ['nomatch', 15, (r) => q('nomatch', nonsense(r, pools.vocabulary), r() < 0.5 ? 'names' : 'speakers')],
    ],
  };
  const mix = {} as QueryMix;
  WORKLOADS.forEach((workload, w) => {
    mix[workload] = sampleQueries(recipes[workload], count, seededRandom(seed * 1000 + w));
  });
  return mix;
}
