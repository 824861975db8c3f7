/**
 * Whether an answer's citations name the sentence that holds each highlight (issue 19: every command, every
 * result). Shared by the citations test (the story, an invented article) and `npm run eval -- --squad`.
 */
import type { Answer } from '../src/engine/answer.ts';
import { splitSentences } from '../src/engine/text/sentences.ts';
import type { KnowledgeDocument } from '../src/knowledge/document.ts';

export interface CitedSentence {
  highlight: string;
  excerpt: string;
  /** The text of the sentence the citation names ('' when it names none). */
  sentence: string;
}

/** Each result's highlight, and the text of the sentence its citation names. */
export function citedSentences(docs: readonly KnowledgeDocument[], answer: Answer): CitedSentence[] {
  return answer.results.map((r) => {
    const doc = docs.find((d) => d.id === r.citation.document);
    const paragraph = doc?.paragraphs[r.citation.paragraph - 1];
    const sentence = paragraph && splitSentences(paragraph.text)[r.citation.sentence - 1];
    return { highlight: r.highlight, excerpt: r.excerpt, sentence: sentence?.text ?? '' };
  });
}

/** Characters of a highlight that must stand in the cited sentence (a long one may run past the excerpt's end). */
export const CITED_HIGHLIGHT_CHARS = 40;

/** Whether the highlight starts in the sentence its citation names. */
export function citesHighlight(c: CitedSentence): boolean {
  return c.sentence.includes(c.highlight.slice(0, CITED_HIGHLIGHT_CHARS));
}
