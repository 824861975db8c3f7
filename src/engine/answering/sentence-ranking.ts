/**
 * Sentence ranking, shared by every command: passages from the index, then their sentences ranked by their
 * own match plus part of their passage's, plus the bonus the command's answerer gives a sentence that holds
 * what it asks for (a time for /when, a name for /who, a quotation for /quote).
 */
import type { KbView, Sentence } from '../../index/kb-view.ts';
import { terms as textTerms } from '../text/terms.ts';
import { presence, type QueryTerms } from './query-terms.ts';

/**
 * Tunables of sentence ranking. Tuned by hand on the SQuAD who/when set and the story set
 * (`npm run eval -- --squad ../shared/eval`): a value is kept where cite@1 and the story set were best.
 */
export const RANKING = {
  /** How many passages the index hands to sentence ranking. */
  candidatePassages: 12,
  /** Share of the query's weight (idf) a passage must match to count as relevant... */
  minCoverage: 0.5,
  /** ...or this share when it matches at least two of the query's words. */
  minCoverageSeveral: 0.25,
  /** A sentence's score: its own match, plus this much of its passage's (normalised) index score. */
  passageWeight: 0.5,
  /** Weight of query word pairs found side by side, relative to single words. */
  phraseWeight: 0.5,
  /** Long sentences match more words by chance: a mild length normalisation (BM25's b, on sentences)... */
  lengthB: 0.15,
  /** ...around a sentence of this many terms... */
  typicalSentenceTerms: 12,
  /** ...that at most doubles a short sentence's score. */
  minLengthFactor: 0.5,
  /** How much rarity among the candidate sentences adds to a word's weight. */
  localGamma: 0.3,
  /** How many top sentences are re-ranked by their best answer candidate (rerankByCandidates)... */
  rerankTop: 6,
  /** ...and how much that candidate's fit counts. */
  candidateWeight: 0.4,
} as const;

/** What a command adds to a relevant sentence's score (0 for nothing). */
export type SentenceBonus = (sentence: Sentence) => number;

export const NO_BONUS: SentenceBonus = () => 0;

export interface RankedSentence {
  sentence: Sentence;
  score: number;
  /** The query terms the sentence (or its document's title) holds. */
  matched: Set<string>;
  /** Share of the query's weight its passage matches. */
  coverage: number;
}

interface Candidate {
  sentence: Sentence;
  terms: Set<string>;
  sequence: string[];
  /** The passage's index score, relative to the best passage's. */
  passage: number;
  relevant: boolean;
  coverage: number;
}

/** The sentences of the passages, each with its terms, and whether its passage covers enough of the query. */
function candidatesOf(kb: KbView, q: QueryTerms, hits: { paragraph: number; score: number }[]): Candidate[] {
  const top = hits[0]?.score ?? 1;
  const candidates: Candidate[] = [];
  // Identical sentences (an article filed twice, a repeated line) are read once per query.
  const termsOfText = new Map<string, string[]>();
  for (const hit of hits) {
    const paragraph = kb.paragraph(hit.paragraph);
    const paragraphTerms = new Set<string>();
    const first = candidates.length;
    // A document's title words: every passage is about its document's topic even where the text does not
    // repeat it ("Super Bowl 50" in an article of that title), so they count as present in every sentence.
    const titleTerms = kb.titleTermsOf(paragraph.document);
    for (let id = paragraph.firstSentence; id <= paragraph.lastSentence; id++) {
      const sentence = kb.sentence(id);
      const text = kb.text(sentence);
      let sequence = termsOfText.get(text);
      if (!sequence) {
        sequence = textTerms(text);
        termsOfText.set(text, sequence);
      }
      const terms = new Set(sequence);
      for (const t of titleTerms) terms.add(t);
      for (const t of terms) paragraphTerms.add(t);
      candidates.push({ sentence, terms, sequence, passage: hit.score / top, relevant: false, coverage: 0 });
    }
    let matched = 0;
    let matchedCount = 0;
    for (const t of q.terms) {
      const held = presence(q, paragraphTerms, t);
      if (held > 0) {
        matched += held * (q.idf.get(t) ?? 0);
        matchedCount++;
      }
    }
    const coverage = matched / q.total;
    const relevant =
      coverage >= RANKING.minCoverage || (matchedCount >= 2 && coverage >= RANKING.minCoverageSeveral);
    for (let k = first; k < candidates.length; k++) {
      const candidate = candidates[k];
      if (!candidate) continue;
      candidate.relevant = relevant;
      candidate.coverage = coverage;
    }
  }
  return candidates;
}

/** Each query term's weight among the candidates: a word they all share tells them apart less than a rare one. */
function localWeights(q: QueryTerms, candidates: Candidate[]): Map<string, number> {
  const localDf = new Map<string, number>();
  for (const c of candidates)
    for (const t of q.terms) if (c.terms.has(t)) localDf.set(t, (localDf.get(t) ?? 0) + 1);
  const weight = new Map<string, number>();
  for (const t of q.terms)
    weight.set(
      t,
      (q.idf.get(t) ?? 0) *
        (1 + RANKING.localGamma * Math.log((candidates.length + 1) / ((localDf.get(t) ?? 0) + 1))),
    );
  return weight;
}

/** The relevant sentences of the best passages for the query, best first. */
export function rankSentences(kb: KbView, q: QueryTerms, bonus: SentenceBonus): RankedSentence[] {
  if (q.terms.length === 0 || q.total <= 0) return [];
  // Same passages, scores and order as index.search(terms, OR).slice(0, candidatePassages), much faster.
  const hits = kb.topPassages(q.terms, RANKING.candidatePassages);
  if (hits.length === 0) return [];
  const candidates = candidatesOf(kb, q, hits);
  const weight = localWeights(q, candidates);
  const weightTotal = q.terms.reduce((sum, t) => sum + (weight.get(t) ?? 0), 0) || 1;
  const ranked: RankedSentence[] = [];
  for (const c of candidates) {
    if (!c.relevant) continue;
    let own = 0;
    for (const t of q.terms) own += presence(q, c.terms, t) * (weight.get(t) ?? 0);
    own += RANKING.phraseWeight * phraseWeight(q, c.sequence) * (weightTotal / q.total);
    const lengthFactor = Math.max(
      RANKING.minLengthFactor,
      1 + RANKING.lengthB * (c.sequence.length / RANKING.typicalSentenceTerms - 1),
    );
    let score = own / weightTotal / lengthFactor + RANKING.passageWeight * c.passage;
    score += bonus(c.sentence);
    const matched = new Set(q.terms.filter((t) => c.terms.has(t)));
    ranked.push({ sentence: c.sentence, score, matched, coverage: c.coverage });
  }
  ranked.sort(byScore);
  return ranked;
}

/** Best score first; on a tie, the earlier sentence. */
function byScore(a: RankedSentence, b: RankedSentence): number {
  return b.score - a.score || a.sentence.id - b.sentence.id;
}

/** Weight of the query's word pairs that the sentence also has side by side ("sideline commentator"). */
function phraseWeight(q: QueryTerms, sequence: string[]): number {
  let weight = 0;
  for (let i = 1; i < q.ordered.length; i++) {
    const a = q.ordered[i - 1] ?? '';
    const b = q.ordered[i] ?? '';
    if (hasPair(sequence, a, b)) weight += Math.min(q.idf.get(a) ?? 0, q.idf.get(b) ?? 0);
  }
  return weight;
}

/** Whether `a` is followed by `b` somewhere in the sequence (a query has few pairs: no set of all of them). */
function hasPair(sequence: string[], a: string, b: string): boolean {
  for (let i = 1; i < sequence.length; i++) if (sequence[i - 1] === a && sequence[i] === b) return true;
  return false;
}

/**
 * The top sentences again, each with how well its best answer candidate fits (the sentence that holds a
 * likely answer right beside the question's words wins over one that only shares more words).
 */
export function rerankByCandidates(
  ranked: RankedSentence[],
  candidateFit: (r: RankedSentence) => number,
): RankedSentence[] {
  const head = ranked
    .slice(0, RANKING.rerankTop)
    .map((r) => ({ ...r, score: r.score + RANKING.candidateWeight * candidateFit(r) }));
  head.sort(byScore);
  return [...head, ...ranked.slice(RANKING.rerankTop)];
}
