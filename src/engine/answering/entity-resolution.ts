/**
 * Entity resolution: which person, organization or other name a query's name stands for — as written
 * (the alias table), else as a near spelling (the names index).
 */
import { aliasKey, type EntityData } from '../../index/kb-data.ts';
import type { KbView } from '../../index/kb-view.ts';
import { NAME_SEARCH } from '../../index/name-search.ts';
import { HONORIFICS, ROLE_MODIFIERS, TITLE_WORDS } from '../extract/lexicon.ts';
import { isPersonNoun } from '../extract/roles.ts';
import { STOP_WORDS, termOf } from '../text/terms.ts';

export const ENTITY_RESOLUTION = {
  /** A text of more words than this is not looked up as a name. */
  maxNameWords: 6,
  /** How many hits of the names index are weighed for a misspelt name. */
  fuzzyCandidates: 10,
  /** A name given in a query may be misspelt by one edit per this many characters (at least one edit). */
  lettersPerEdit: 4,
  /** How many people of the same name an answer points to besides the one it is about. */
  maxNamesakes: 3,
  /**
   * Words whose lengths differ by more than this are far apart whatever their letters: editDistance gives the
   * length difference without working out the table.
   */
  maxLengthGap: 8,
  /** Paragraphs looked through for the holder of a role ("who is the chancellor"): bounded work. */
  maxRoleParagraphs: 200,
} as const;

/** Levenshtein distance (names are short). */
export function editDistance(a: string, b: string): number {
  const gap = Math.abs(a.length - b.length);
  if (gap > ENTITY_RESOLUTION.maxLengthGap) return gap;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++)
      cur[j] = Math.min(
        (prev[j] ?? 0) + 1,
        (cur[j - 1] ?? 0) + 1,
        (prev[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
    prev = cur;
  }
  return prev[b.length] ?? 0;
}

/** For each query word, the edit distance to the nearest word of the entity's name and aliases. */
function nearestWordDistances(queryWords: string[], e: EntityData): number[] {
  const nameWords = new Set([e.name, ...e.aliases].flatMap((alias) => aliasKey(alias).split(' ')));
  return queryWords.map((w) => {
    let nearest = Number.POSITIVE_INFINITY;
    for (const n of nameWords) nearest = Math.min(nearest, editDistance(w, n));
    return nearest;
  });
}

/** Of several entities with exactly that name, the one mentioned most (the first on a tie). */
function mostMentioned(kb: KbView, ids: number[]): number {
  return ids.reduce((best, id) =>
    kb.entity(id).mentions.length > kb.entity(best).mentions.length ? id : best,
  );
}

/**
 * Of the names that match every word, the one whose words are written most like the query's ("Luther" ->
 * Martin Luther King, not Lutheran), then the one whose name is ("kenedy" -> Kennedy, not Kenny); -1 when
 * the nearest is not a near spelling of every word.
 */
function nearestSpelling(kb: KbView, key: string, ok: (id: number) => boolean): number {
  const queryWords = key.split(' ');
  const hits = kb.searchNames(key, NAME_SEARCH.resolve, ENTITY_RESOLUTION.fuzzyCandidates);
  let best = -1;
  let bestWords: number[] = [];
  let bestWordSum = Number.POSITIVE_INFINITY;
  let bestWhole = Number.POSITIVE_INFINITY;
  for (const hit of hits) {
    const id = hit.entity;
    if (!ok(id) || hit.queryTerms.length < queryWords.length) continue;
    const e = kb.entity(id);
    const nearest = nearestWordDistances(queryWords, e);
    const wordSum = nearest.reduce((sum, d) => sum + d, 0);
    let whole = Number.POSITIVE_INFINITY;
    for (const alias of [e.name, ...e.aliases]) whole = Math.min(whole, editDistance(key, aliasKey(alias)));
    const better =
      wordSum < bestWordSum ||
      (wordSum === bestWordSum && whole < bestWhole) ||
      (wordSum === bestWordSum && whole === bestWhole && e.mentions.length > kb.entity(best).mentions.length);
    if (better) {
      best = id;
      bestWords = nearest;
      bestWordSum = wordSum;
      bestWhole = whole;
    }
  }
  // Every word of the query is a near spelling of a word of the name ("jon smyth", "kenedy"), not another
  // word that starts the same ("Luther" is not "Lutheran"): those are left to the suggestions.
  const spelledLike = queryWords.every(
    (w, i) =>
      (bestWords[i] ?? Number.POSITIVE_INFINITY) <=
      Math.max(1, Math.floor(w.length / ENTITY_RESOLUTION.lettersPerEdit)),
  );
  return best >= 0 && spelledLike ? best : -1;
}

/** A word that leads a name as a courtesy title or a role: "Mr", "Lord", "president", "foreign", "minister". */
const isTitleWord = (word: string) =>
  HONORIFICS.has(word) || TITLE_WORDS.has(word) || ROLE_MODIFIERS.has(word) || isPersonNoun(word);

/** How many words lead the key as titles ("mr reyes": 1, "prime minister tomas reyes": 2), a name left after them. */
function leadingTitles(words: string[]): number {
  let k = 0;
  while (k < words.length - 1 && isTitleWord(words[k] as string)) k++;
  // "designer of the 50", "premier of victoria": a role with its phrase, no name after it
  return STOP_WORDS.has(words[k] as string) ? 0 : k;
}

/** The name a folded key leaves after its leading courtesy titles and roles ("mr reyes" -> "reyes"), else the key. */
export function nameAfterTitles(key: string): string {
  const words = key.split(' ');
  return words.slice(leadingTitles(words)).join(' ');
}

/**
 * The entity a name stands for, or -1. `filter` keeps only some entities (speakers for /quote); `exactOnly`
 * takes the name only as written. Courtesy titles and roles before the name are what the text may leave out
 * ("Mr Reyes", "president reyes"): the name after them is looked up, the person whose role has those words first.
 */
export function resolveEntity(
  kb: KbView,
  text: string,
  filter?: (e: EntityData) => boolean,
  exactOnly = false,
): number {
  const key = aliasKey(text);
  if (!key || key.split(' ').length > ENTITY_RESOLUTION.maxNameWords) return -1;
  const ok = (id: number) => !filter || filter(kb.entity(id));
  const exact = kb.entitiesNamed(key).filter(ok);
  if (exact.length > 0) return mostMentioned(kb, exact);
  const words = key.split(' ');
  const titles = leadingTitles(words);
  if (titles > 0) {
    const rest = words.slice(titles).join(' ');
    const role = words.slice(0, titles).filter((w) => !HONORIFICS.has(w));
    const named = kb.entitiesNamed(rest).filter(ok);
    const holding = named.filter((id) => role.every((w) => aliasKey(kb.entity(id).role ?? '').includes(w)));
    if (named.length > 0) return mostMentioned(kb, holding.length > 0 ? holding : named);
    if (!exactOnly) {
      const near = nearestSpelling(kb, rest, ok);
      if (near >= 0) return near;
    }
  }
  if (exactOnly) return -1;
  return nearestSpelling(kb, key, ok);
}

/** The text is a role and nothing else: "the prime minister", "chancellor", "Zeta's chief economist". */
export function isRolePhrase(text: string): boolean {
  const words = aliasKey(text).split(' ');
  const head = words[words.length - 1] ?? '';
  return head !== '' && isPersonNoun(head) && words.every(isTitleWord);
}

/**
 * The person who holds a role in the documents ("the chancellor" -> the person whose role ends in "chancellor"),
 * the most mentioned of them; -1 for none. Only the paragraphs that use the role's words are looked through.
 */
export function resolveRoleHolder(kb: KbView, text: string): number {
  const key = aliasKey(text);
  const terms = key.split(' ').flatMap((w) => termOf(w) ?? []);
  if (terms.length === 0) return -1;
  const holds = (role: string | undefined) => {
    const folded = aliasKey(role ?? '');
    return folded === key || folded.endsWith(` ${key}`);
  };
  let best = -1;
  let looked = 0;
  for (const p of kb.paragraphsWithAll(terms)) {
    if (++looked > ENTITY_RESOLUTION.maxRoleParagraphs) break;
    const paragraph = kb.paragraph(p);
    for (let s = paragraph.firstSentence; s <= paragraph.lastSentence; s++)
      for (const m of kb.mentionsIn(kb.sentence(s))) {
        const e = kb.entity(m.entity);
        if (e.kind !== 'person' || !holds(e.role) || m.entity === best) continue;
        if (best < 0 || e.mentions.length > kb.entity(best).mentions.length) best = m.entity;
      }
  }
  return best;
}

/**
 * Other people and organizations the name stands for exactly ("Newton": Isaac Newton and Cam Newton), the
 * most mentioned first.
 */
export function namesakes(kb: KbView, name: string, chosen: number): string[] {
  const names = kb
    .entitiesNamed(aliasKey(name))
    .filter((id) => id !== chosen && kb.entity(id).kind !== 'other')
    .map((id) => kb.entity(id))
    .sort((a, b) => b.mentions.length - a.mentions.length)
    .map((e) => e.name);
  return [...new Set(names)].slice(0, ENTITY_RESOLUTION.maxNamesakes);
}

/** "Name — role", or the name alone. */
export function describe(e: EntityData): string {
  return e.role ? `${e.name} — ${e.role}` : e.name;
}

/** Most roles a description of an entity gives besides its fullest one. */
const MAX_OTHER_ROLES = 2;

/**
 * "Name — role; other role": the fullest role, then the other roles documents give that it does not already say
 * ("Leader of the Commons; Commons leader", not "Labour election co-ordinator; election coordinator").
 */
export function describeWithRoles(e: EntityData): string {
  const letters = (role: string) => role.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
  const said = [e.role ?? ''];
  for (const role of e.roles ?? []) {
    if (said.length > MAX_OTHER_ROLES) break;
    if (!said.some((r) => letters(r).includes(letters(role)))) said.push(role);
  }
  return e.role ? `${e.name} — ${said.join('; ')}` : e.name;
}
