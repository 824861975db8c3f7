/**
 * A person's role as news writes it around the name: before it ("Zeta chief economist Ann Lee", "Empire
 * magazine's reviews editor Ann Lee", "his wife Eve Stone"), in an apposition after it ("Ann Lee, chief
 * executive of Zeta Broadband.", "Ann Lee, a spokesman for the council,"). The role's head is a noun that names a
 * kind of person: WordNet's noun.person (person-nouns.txt, written by `npm run person-nouns`) or a title of
 * lexicon.ts. Words the lists cannot vouch for are checked with part-of-speech tags, of the few words around the
 * name only: this runs at index time.
 */
import { readFileSync } from 'node:fs';
import { tagWords } from '../text/pos.ts';
import {
  AFTER_DESCRIPTION,
  CALENDAR_WORDS,
  NON_NAME_WORDS,
  ROLE_MODIFIERS,
  ROLE_NOUNS,
  SPEAKER_VERBS,
  STATEMENT_VERBS,
  TITLE_WORDS,
} from './lexicon.ts';

const FILE = new URL('./person-nouns.txt', import.meta.url);

interface PersonNouns {
  /** Single words in lowercase and abbreviations in capitals ("striker", "MP"). */
  words: Set<string>;
  /** The words before the last of the phrases ("rock" of "rock star"), each with the phrase's last word. */
  phraseStarts: Map<string, Set<string>>;
}

let nouns: PersonNouns | null = null;

/** Reads the file (about 8k lines, a few milliseconds, once per process). */
function load(): PersonNouns {
  const loaded: PersonNouns = { words: new Set(), phraseStarts: new Map() };
  for (const line of readFileSync(FILE, 'utf8').split('\n')) {
    if (!line || line.startsWith('#')) continue;
    const space = line.lastIndexOf(' ');
    if (space < 0) {
      loaded.words.add(line);
      continue;
    }
    const head = line.slice(space + 1);
    for (const word of line.slice(0, space).split(' ')) {
      const heads = loaded.phraseStarts.get(word) ?? new Set<string>();
      heads.add(head);
      loaded.phraseStarts.set(word, heads);
    }
  }
  return loaded;
}

/** "striker", "vice-president", "goal-kicker", "co-ordinator", "MP": a word that names a kind of person. */
export function isPersonNoun(word: string): boolean {
  nouns ??= load();
  if (nouns.words.has(word) || ROLE_NOUNS.has(word)) return true;
  // British spelling of a word WordNet writes the American way: "centre" for "center"
  if (word.endsWith('re') && nouns.words.has(`${word.slice(0, -2)}er`)) return true;
  // a hyphenated word whose last part is one, or that is one without its hyphen ("fly-half" is not)
  const dash = word.lastIndexOf('-');
  return dash > 0 && (nouns.words.has(word.slice(dash + 1)) || nouns.words.has(word.replaceAll('-', '')));
}

/** A word of a phrase that ends in this role noun ("rock" before "star", "financial" before "officer"). */
function startsPhraseOf(word: string, head: string): boolean {
  nouns ??= load();
  return nouns.phraseStarts.get(word)?.has(head) ?? false;
}

/** Words that are never part of a role: function words, reporting verbs, auxiliaries. */
const STOP = new Set<string>([...NON_NAME_WORDS, ...AFTER_DESCRIPTION, ...SPEAKER_VERBS, ...STATEMENT_VERBS]);
/**
 * Before a word that is also a verb ("to help Ann Lee", "would back Ann Lee"), it is one; after a demonstrative
 * ("despite this success Mr Lee") it is a thing spoken of before.
 */
const NO_ROLE_BEFORE = new Set(
  'to will would could should can may might must did does do not also never who which that this these those'.split(
    ' ',
  ),
);
/** Owners of a relation or role written as a pronoun: "his wife Eve Stone". */
const OWNER_PRONOUN = /^(?:his|her|their|its)$/;
const MAX_MODIFIERS = 4;
const MAX_ORGANIZATION_WORDS = 3;

interface Word {
  text: string;
  start: number;
  end: number;
}

const WORDS = /[\p{L}\p{N}][\p{L}\p{N}.&-]*(?:['’]s\b|['’](?=\s))?/gu;

function wordsOf(text: string): Word[] {
  return [...text.matchAll(WORDS)].map((m) => ({ text: m[0], start: m.index, end: m.index + m[0].length }));
}

const isLower = (w: string) => /^\p{Ll}/u.test(w);
const isCapital = (w: string) => /^\p{Lu}/u.test(w);
const possessive = (w: string) => /['’]s?$/.test(w);
const bareWord = (w: string) => w.replace(/['’]s?$/, '');

/**
 * Of the words of `text` the lists do not vouch for, the last one the tagger says is no noun or adjective (so no
 * modifier of a role: "includes" of "The squad includes striker Ann Lee"); undefined when all of them are.
 */
function lastRejected(text: string, unsure: Word[]): Word | undefined {
  if (unsure.length === 0) return undefined;
  const tagged = tagWords(text);
  // (the tagger splits "full-back", "lock-cum-flanker": a part that is a noun or an adjective will do)
  return unsure.findLast(
    (w) =>
      !tagged.some(
        (t) =>
          t.start >= w.start && t.end <= w.end && (t.pos === 'NOUN' || t.pos === 'ADJ' || t.pos === 'PROPN'),
      ),
  );
}

/** A lowercase word the lists accept as part of a role before its head, without tagging. */
const knownModifier = (word: string, head: string) =>
  ROLE_MODIFIERS.has(word) || isPersonNoun(word) || startsPhraseOf(word, head);

/** A plural of a person noun in its singular ("strikers" -> "striker", "deputies" -> "deputy"); else the word. */
function singularOf(word: string): string {
  if (isPersonNoun(word) || !/s$/.test(word)) return word;
  for (const form of [word.replace(/ies$/, 'y'), word.replace(/es$/, ''), word.replace(/s$/, '')])
    if (form !== word && isPersonNoun(form)) return form;
  return word;
}

/** Names joined by "and" follow: "Ann Lee and Tom Hale", "Ann Lee, Tom Hale and Eve Stone". */
const NAME_LIST_AFTER = /^(?:,\s+\p{Lu}[\p{L}'’-]*(?:\s+\p{Lu}[\p{L}'’-]*)*)*,?\s+and\s+\p{Lu}/u;

/** The role ends in a plural ("Fellow strikers", "Labour candidates"): it is each listed name's role. */
export function isPluralRole(role: string): boolean {
  const last = role.slice(role.lastIndexOf(' ') + 1).toLowerCase();
  return singularOf(last) !== last;
}

/**
 * The role written right before a name (`before` is the sentence up to the name, ending in a space, or in ", "
 * after a reporting verb, "said Zeta chief economist, Ann Lee", or in an apposition the name closes with a comma,
 * "met the chancellor, Hana Olin, in"; `after` is the sentence after the name), or undefined.
 */
export function roleBefore(before: string, name: string, after: string): string | undefined {
  // cheap test first: the word right before the name (or its comma) is a role noun
  const comma = /,\s+$/.test(before);
  const titled = comma && /^(?:,|\.?\s*$)/.test(after) ? titledApposition(before) : undefined;
  if (titled) return titled;
  const headText = /([\p{L}][\p{L}-]*),?\s+$/u.exec(before.slice(-40))?.[1];
  // a title in capitals is part of the name run, unless a comma parts them: "the High Commissioner, Ann Grant,"
  if (!headText || (!isLower(headText) && !(comma && TITLE_WORDS.has(headText.toLowerCase()))))
    return undefined;
  // a plural before a list of names: "Fellow strikers Ann Lee and Tom Hale", "Labour candidates Ann Lee, Tom"
  const headWord = NAME_LIST_AFTER.test(after) ? singularOf(headText.toLowerCase()) : headText.toLowerCase();
  if (!isPersonNoun(headWord)) return undefined;
  const text = before.slice(Math.max(0, before.length - 160));
  const words = wordsOf(text);
  const head = words.length - 1;
  if (head < 0 || words[head]?.text !== headText) return undefined;
  const unsure: Word[] = [];
  // the role's own words: lowercase modifiers ("chief financial"), up to an owner ("magazine's", "company's")
  let first = head;
  // words of a role are written side by side, with no punctuation between them
  const joined = (k: number) =>
    /^\s+$/.test(text.slice((words[k - 1] as Word).end, (words[k] as Word).start));
  // "captain and goal-kicker Jonny Wilkinson": two roles joined
  const joinedRole = words[head - 1]?.text === 'and' && isPersonNoun(words[head - 2]?.text ?? '');
  if (joinedRole && isLower(words[head - 2]?.text ?? '')) first -= 2;
  while (first > 0 && head - first < MAX_MODIFIERS && joined(first)) {
    const w = (words[first - 1] as Word).text;
    if (!isLower(w) || STOP.has(w) || OWNER_PRONOUN.test(w)) break;
    const known = knownModifier(w, headWord);
    if (!known && /(?:ed|ly)$/.test(w)) break;
    first--;
    if (possessive(w)) break;
    if (!known) unsure.push(words[first] as Word);
  }
  // "to help Ann Lee", "will coach Ann Lee": a verb, not a role
  if (first === head && !ROLE_NOUNS.has(headWord) && NO_ROLE_BEFORE.has(words[head - 1]?.text ?? ''))
    return undefined;
  // then the organization, in capitals: "Zeta", "Empire" of "Empire magazine's", "Sir Tom Hale's"
  let org = first;
  while (org > 0 && first - org < MAX_ORGANIZATION_WORDS && joined(org)) {
    const w = (words[org - 1] as Word).text;
    const lower = bareWord(w).toLowerCase();
    if (!isCapital(w) || STOP.has(lower) || CALENDAR_WORDS.has(lower)) break;
    if (possessive(w) && org < first) break;
    org--;
  }
  // and what qualifies the organization's role: "former England full-back", "the previous High Commissioner"
  while (org < first && org > 0 && ROLE_MODIFIERS.has((words[org - 1] as Word).text) && joined(org)) org--;
  // "his predecessor as CEO, Jim Cantalupo,": a role in another's terms
  if (
    words[org - 1]?.text === 'as' &&
    isPersonNoun(words[org - 2]?.text ?? '') &&
    isLower(words[org - 2]?.text ?? '')
  )
    org -= 2;
  const by = words[org - 1]?.text ?? '';
  // after a comma, the role is a reporting verb's subject ("said Zeta chief economist, Ann Lee") or the name is
  // its apposition ("a British lecturer, Dennis Hills, who")
  const apposition = /^(?:the|a|an|his|her|their|its)$/i.test(by) && /^,/.test(after);
  if (comma && !(SPEAKER_VERBS.has(by) && org < head) && !apposition) return undefined;
  // a head the titles do not vouch for, or a modifier the lists do not know: the tagger decides
  // (a plural before names joined by "and" is a noun whatever the tagger says: "Fellow strikers Ann Lee and")
  // (an organization or a known modifier right before it vouches for it too: "Liverpool striker", "rock star")
  const previous = words[head - 1]?.text ?? '';
  const vouched =
    ROLE_NOUNS.has(headWord) ||
    headWord !== headText.toLowerCase() ||
    (head - 1 >= org && (isCapital(previous) || knownModifier(previous, headWord)));
  if (!vouched || unsure.length > 0) unsure.push(words[head] as Word);
  const from = (words[Math.max(0, org - 1)] as Word).start;
  const shifted = unsure.map((w) => ({ ...w, start: w.start - from, end: w.end - from }));
  const rejected = lastRejected(`${text.slice(from).replace(/,?\s+$/, '')} ${name}`, shifted);
  if (rejected?.end === (words[head] as Word).end - from) return undefined;
  // the role starts after a word that is no modifier ("includes striker Ann Lee"), without the organization
  const start = rejected ? text.indexOf(' ', rejected.start + from) + 1 : (words[org] as Word).start;
  if (comma && rejected) return undefined;
  return text.slice(start, (words[head] as Word).end);
}

/**
 * "the Roman Catholic Archbishop of Zeta, Ann Lee,": a capitalised title with the place or body it is of, in
 * apposition to the name after it (set off by commas and opened by "the" or "a"); undefined for none.
 */
const TITLED_APPOSITION =
  /(?:^|\s)(?:the|a|an|The|A|An)\s+((?:\p{Lu}[\p{L}-]*\s+){0,3}?(\p{Lu}\p{Ll}+)\s+of\s+(?:the\s+)?\p{Lu}[\p{L}'’-]*(?:\s+(?:of\s+|and\s+)?\p{Lu}[\p{L}'’-]*){0,3}),\s+$/u;

function titledApposition(before: string): string | undefined {
  if (!/\p{Lu}[\p{L}'’-]*,\s+$/u.test(before)) return undefined;
  const m = TITLED_APPOSITION.exec(before.slice(-120));
  if (!m || !TITLE_WORDS.has((m[2] as string).toLowerCase())) return undefined;
  return m[1];
}

/** Prepositions that carry a role's organization or field: "head of sales at Zeta", "a spokesman for the council". */
const ROLE_PREPOSITION = /^(?:of|at|for|with|to|in|on|from)$/;
/** Words that end an apposition's role: a relative clause or another phrase starts there. */
const APPOSITION_END = new Set('who whom whose which that and but when where while as'.split(' '));
/** A verb after the noun phrase makes it a clause's subject, no apposition: "Genghis Khan, the title is spelled". */
const CLAUSE_VERB = new Set(
  'said says told tells is was were are has had have will would can could'.split(' '),
);
const MAX_APPOSITION_CHARS = 100;

/** Words inside an organization's name: "Chambers of Commerce", "Department for Culture and Sport". */
const CONNECTOR = /^(?:of|the|and|for|&|de|at|to|on|in)$/;

/**
 * Where the phrase after a role's head ends (`at` is its preposition): "of sales at Zeta", "for the council",
 * "of the Cyber Security Division" (not "within the department created ..." after it).
 */
function phraseEnd(words: Word[], at: number): number {
  let end = (words[at] as Word).end;
  let named = false;
  for (const w of words.slice(at + 1)) {
    const connector = CONNECTOR.test(w.text);
    // (after an owner, "the WEF's global Health Initiative", the name is still to come)
    if (isCapital(w.text)) named = !possessive(w.text);
    else if (named && !connector) break;
    if (!connector) end = w.end;
  }
  return end;
}

/** What opens a role after a name: a comma or a dash (an apposition), or "is"/"was" ("Ann Lee was director of"). */
const ROLE_AFTER_OPEN =
  /^(?:,\s+|\s+[-–—]\s+|\s+(?:is|was)\s+)(?:(?:then|now|currently|also)\s+)?(?:(?:the|a|an)\s+)?/;
/** ", of Aldridge Conservatives," / ", from Zeta Broadband.": the person's organization, in capitals. */
const AFFILIATION_AFTER =
  /^,\s+((?:of|from)\s+(?:the\s+)?\p{Lu}[\p{L}'’&.-]*(?:\s+\p{Lu}[\p{L}'’&.-]*){0,5})(?=[,;]|\.(?:\s|$)|$)/u;

/** A relative clause that says what someone is or where they work: ", who is a", ", who also works in". */
const RELATIVE_ROLE =
  /^,\s+who\s+(?:(?:is|was)\s+(?:(?:also|now|then|currently|still)\s+)?(?=(?:the|a|an)\s)|(?:(?:also|now|then|currently|still)\s+)?(works|worked)\s+(as|for|at|in|with)\s+)/;

/**
 * The role a relative clause gives (`rest` follows ", who is" or ", who works as/in ..."): ", who is a Zeta
 * striker," as an apposition; ", who also works in the Zeta research unit," as "works in the Zeta research unit"
 * (a place of work up to the clause's end, opened by "the", "a" or a capital).
 */
function relativeRole(
  rest: string,
  verb: string | undefined,
  preposition: string | undefined,
): string | undefined {
  if (!verb || preposition === 'as') return roleAfter(`, ${rest}`);
  const place = /^((?:the\s+|an?\s+)?\p{Lu}?[\p{L}'’&-]*(?:\s+[\p{L}'’&-]+){0,6})(?=,|\.?\s*$)/u.exec(
    rest,
  )?.[1];
  if (!place || !/^(?:the|an?)\s|^\p{Lu}/u.test(place)) return undefined;
  if (wordsOf(place).some((w) => CLAUSE_VERB.has(w.text) || APPOSITION_END.has(w.text))) return undefined;
  return `${verb} ${preposition} ${place}`;
}

/**
 * The role in an apposition after a name (`after` is the sentence from the end of the name): ", chief executive of
 * Zeta Broadband.", ", the company's head of sales at Zeta,", " - then economic adviser to", ", Director General of
 * the Chambers of Commerce", " was director of the Cyber Security Division", ", of Aldridge Conservatives,"; or
 * undefined.
 */
export function roleAfter(after: string): string | undefined {
  const relative = RELATIVE_ROLE.exec(after);
  if (relative) return relativeRole(after.slice(relative[0].length), relative[1], relative[2]);
  const affiliation = AFFILIATION_AFTER.exec(after)?.[1];
  if (affiliation) return affiliation.replace(/\.$/, '');
  const open = ROLE_AFTER_OPEN.exec(after);
  if (!open) return undefined;
  const rest = after.slice(open[0].length);
  const close = /[,;:()"“”]|\s[-–—]\s|\.(?:\s|$)|$/.exec(rest) as RegExpExecArray;
  const chunk = rest.slice(0, Math.min(close.index, MAX_APPOSITION_CHARS));
  // the role ends where a clause or a verb starts ("the Australian strategist who succeeded in")
  const all = wordsOf(chunk);
  const cut = all.findIndex((w) => APPOSITION_END.has(w.text) || CLAUSE_VERB.has(w.text));
  if (cut >= 0 && CLAUSE_VERB.has((all[cut] as Word).text)) return undefined;
  const words = cut < 0 ? all : all.slice(0, cut);
  // the head: the last word before the first preposition (or of the chunk), a role noun, in lowercase unless a
  // preposition follows ("Director General of", "Leader of the Commons")
  let headAt = words.findIndex((w) => ROLE_PREPOSITION.test(w.text));
  if (headAt === 0) return undefined;
  const withPhrase = headAt > 0;
  if (headAt < 0) headAt = words.length;
  const head = words[headAt - 1];
  if (!head || !isPersonNoun(head.text.toLowerCase())) return undefined;
  if (!isLower(head.text) && !(withPhrase && TITLE_WORDS.has(head.text.toLowerCase()))) return undefined;
  const unsure: Word[] = [];
  for (const w of words.slice(0, headAt - 1)) {
    if (isCapital(w.text) || possessive(w.text)) continue;
    if (STOP.has(w.text)) return undefined;
    if (!knownModifier(w.text, head.text)) unsure.push(w);
  }
  const end = withPhrase ? phraseEnd(words, headAt) : head.end;
  if (!ROLE_NOUNS.has(head.text.toLowerCase())) unsure.push(head);
  if (lastRejected(chunk, unsure)) return undefined;
  return chunk.slice(0, end);
}
