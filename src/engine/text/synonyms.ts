/**
 * Common English verbs (and a few event nouns) that name the same event in other words: a question asks "who
 * founded" where the text says "established", "who runs" where it says "governed by", "when did they talk"
 * where it says "a phone call". A small table of general English, each set read as one family; the stemmer
 * joins the forms of each word.
 */
import { type TermRelations, termRelations } from './term-relations.ts';
import { stem } from './terms.ts';

const SYNONYM_SETS = `
  found establish create form start
  build construct erect
  begin start commence launch
  end finish complete conclude
  make create produce
  lead head command direct
  run govern manage operate administer
  decide determine
  choose select pick elect
  kill slay murder
  give award grant
  write author compose
  attack assault raid strike
  capture seize
  buy purchase acquire
  marry wed
  receive obtain gain acquire
  show demonstrate prove
  rule reign govern
  defeat beat conquer
  discover find detect
  claim argue assert contend
  help aid assist
  invent devise
  hold host stage
  talk speak discuss converse call
  war conflict fighting
`;

let synonyms: TermRelations | null = null;

function load(): TermRelations {
  return termRelations((link) => {
    for (const line of SYNONYM_SETS.trim().split('\n')) {
      const set = line.trim().split(/\s+/).map(stem);
      for (const a of set) for (const b of set) link(a, b);
    }
  });
}

/** Index terms (stems) of the words that name the same event: "found" -> "establish", "form", ... */
export function synonymTerms(term: string): readonly string[] {
  synonyms ??= load();
  return synonyms.get(term) ?? [];
}
