/**
 * Quote attribution on PolNeAR (hand-annotated attributions in 2016 US political news), scored as
 * ../shared/eval/score-quotes.mjs scores it: for each gold quotation, `quote <its first ten words>`; found = a
 * result's excerpt holds the quotation (its first 40 characters, quotes and spaces folded), right = that result's
 * speaker contains the gold speaker's surname. The sets are built outside the project (their texts carry no
 * licence to redistribute): DIR/quotes-SPLIT.json and the knowledge folder DIR/quotes-SPLIT-knowledge/.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { KnowledgeBase } from '../src/knowledge/knowledge-base.ts';

export const QUOTE_SPLITS = ['train', 'dev'] as const;

interface GoldQuote {
  id: string;
  quote: string;
  speaker: string;
  key: string;
  pronoun: boolean;
}

export interface QuoteScore {
  split: string;
  n: number;
  found: number;
  right: number;
  /** Found with a speaker who is not the gold one. */
  wrong: number;
  named: number;
  rightNamed: number;
}

const words = (q: string) =>
  q
    .replace(/[“”"‘’'.,;:!?…()]/g, ' ')
    .split(/\s+/)
    .filter(Boolean);
const fold = (s: string | undefined) =>
  (s ?? '')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[“”"‘’']/g, '')
    .replace(/\s+/g, ' ')
    .toLowerCase()
    .trim();

/** The splits present in `dir`. */
export function quoteSplits(dir: string): string[] {
  return QUOTE_SPLITS.filter(
    (s) =>
      existsSync(path.join(dir, `quotes-${s}.json`)) && existsSync(path.join(dir, `quotes-${s}-knowledge`)),
  );
}

export async function scoreQuotes(dir: string, split: string, verbose: boolean): Promise<QuoteScore> {
  const gold = JSON.parse(readFileSync(path.join(dir, `quotes-${split}.json`), 'utf8')) as GoldQuote[];
  const kb = await KnowledgeBase.load(path.join(dir, `quotes-${split}-knowledge`));
  const score: QuoteScore = { split, n: gold.length, found: 0, right: 0, wrong: 0, named: 0, rightNamed: 0 };
  for (const g of gold) {
    const answer = kb.answer('quote', words(g.quote).slice(0, 10).join(' '));
    const probe = fold(g.quote).slice(0, 40);
    const hit = answer.results.find((r) => fold(r.excerpt).includes(probe));
    const ok = !!hit && fold(hit.speaker).includes(fold(g.key));
    score.found += Number(!!hit);
    score.right += Number(ok);
    score.wrong += Number(!!hit?.speaker && !ok);
    if (!g.pronoun) {
      score.named++;
      score.rightNamed += Number(ok);
    }
    if (verbose && !ok)
      console.log(
        `  miss ${g.id}: want ${g.speaker} got ${hit ? JSON.stringify(hit.speaker ?? null) : 'quote not found'}`,
      );
  }
  return score;
}

export function formatQuoteScore(s: QuoteScore): string {
  const pct = (x: number, n: number) => `${((100 * x) / Math.max(n, 1)).toFixed(1)} %`;
  return (
    `quotes-${s.split}: attributed right ${pct(s.right, s.n)} (${s.right}/${s.n}; named sources ${pct(s.rightNamed, s.named)}), ` +
    `wrong speaker ${s.wrong}, quote found ${pct(s.found, s.n)}, right when found ${pct(s.right, s.found)}`
  );
}
