/**
 * Reporting verbs and their subjects: who "said" in "X said", "said X", "X, an adviser, said", "X said, adding",
 * as news writes them. quotes.ts asks these for the speaker of each quotation's verb.
 */
import { isPersonNoun } from './roles.ts';

/** Someone or something that can speak in the sentence, at body offsets [at, end). */
export interface Actor {
  at: number;
  end: number;
  entity: number;
  /** A person (named, described or a pronoun); an organization or place speaks only when no person does. */
  person: boolean;
}

const VERBS =
  `said says say saying told tells tell telling added adds adding remarked stated states wrote writes writing
  declared declares asked asks asking replied replies explained explains explaining noted notes noting insisted insists
  warned warns warning argued argues arguing claimed claims announced announces recalled recalls continued continues
  tweeted tweets posted responded responds countered counters acknowledged acknowledges admitted admits conceded
  concedes stressed stresses suggested suggests predicted predicts promised promises vowed vows urged urges complained
  complains boasted boasts joked jokes quipped quips shouted shouts yelled yells concluded concludes echoed echoes retorted retorts charged
  called calls calling termed terms described describes describing dubbed dubs labeled labelled branded brands
  reported reports quoted quotes labeling labelling branding dubbing denied denies asserted asserts agreed agrees
  proclaimed proclaims exclaimed exclaims mused muses lamented laments exhorted exhorts`
    .trim()
    .split(/\s+/);
/** Reporting verbs, also opening a sentence ('Said Ellis: "…"'); "according to" too. */
const SPEECH_VERB = new RegExp(
  `\\b(?:${VERBS.map((v) => `[${v[0]}${v[0]?.toUpperCase()}]${v.slice(1)}`).join('|')}|[Aa]ccording to|[Pp]oint(?:ed|s) out)\\b`,
  'g',
);
/** Verbs news puts before their subject ("said Jane Doe"); the others take an object after them ("urged X"). */
const INVERTIBLE_VERB =
  /^(?:said|says|added|adds|wrote|writes|asked|continued|explained|declared|recalled|noted|insisted|warned|argued|claimed|replied|stated|remarked|concluded|echoed|countered|responded|quipped|joked|retorted|charged|agreed|agrees|proclaimed|exclaimed|mused|lamented|exhorted)$/;
/** Between a subject and a participle: its reporting verb ("Nefzi said, adding"). */
const REPORTED_THEN = new RegExp(`^\\s+(?:${VERBS.join('|')})(?:\\s+\\p{Ll}+)?\\s*,\\s*$`, 'u');
/** Reporting verbs whose object follows them ("told Ann Lee", "called it"): never inverted. */
const OBJECT_VERB =
  /^(?:told|tells|tell|telling|called|calls|calling|termed|terms|described|describes|describing|dubbed|dubs|labeled|labelled|labeling|labelling|branded|brands|branding|dubbing|quoted|quotes)$/;
/** A participle ("..., saying") reports for the subject of the clause it hangs on. */
export const PARTICIPLE = /ing$/;
/** Words that end a subject's reach: between them and the verb is another clause. */
const CLAUSE_WORD = /^(?:that|which|who|whom|whose|and|or|but|because|when|while|if|as|than|where)$/;
/** Between a subject and its verb: a few words with no clause or punctuation ("has said", "on Monday told"). */
const DIRECT_GAP = /^\s+(?:[^\s,.;:!?"“”‧]+\s+){0,5}$/;
/** A subject's apposition: "X, associate professor at the Center, said", "X - then an adviser - told". */
const APPOSITION_GAP =
  /^(?:,[^"“”;:‧]{2,200},|\s[—–-]\s[^"“”;:‧—–]{2,200}\s[—–-])\s+(?:[^\s,.;:!?"“”‧]+\s+){0,3}$/;
/** Before an actor, a word that makes it an object, not a subject: "a spokesman for X said". */
const GOVERNING = 'for|of|to|with|from|by|about|against|at|on|in|told|than|like';
const OBJECT_BEFORE = new RegExp(`\\b(?:${GOVERNING}|and|or)\\s+(?:the\\s+|an?\\s+)?(?:[a-z]+\\s+)?$`);
/** Before an actor, a preposition or verb that governs it ("a message to X"; "Lee and X" is no object here). */
const GOVERNED_BEFORE = new RegExp(`\\b(?:${GOVERNING})\\s+(?:the\\s+|an?\\s+)?(?:[a-z]+\\s+)?$`);

/**
 * The words before a name make it an object, not a subject ("asked about Sullivan", "a spokesman for Acme",
 * "with journalist Ida Rosca").
 */
export const isObjectAfter = (textBefore: string) => OBJECT_BEFORE.test(textBefore);
/**
 * A subordinate clause opening a sentence, up to its comma, also after a short opening phrase ("While Lee pledged
 * to work with both, Vale insisted", "In June, after Lee fell ill, Vale wrote"), a comparison ("Like Lee, Vale
 * wants") or a participle's clause ("Acknowledging that Lee “has a point,” Vale said"): its subject is not the
 * sentence's.
 */
const SUBORDINATE_OPENING =
  /^\s*(?:(?:[^,;:"“”‧]{1,40},\s+)?(?:[Ww]hile|[Aa]lthough|[Tt]hough|[Ww]hereas|[Aa]fter|[Ww]hen|[Bb]efore|[Bb]ecause|[Ii]f|[Ss]ince|[Uu]nlike|[Ll]ike|[Dd]espite)\b|(?!According\s)\p{Lu}\p{Ll}+ing\s)[^,;:"“”]{0,160},/u;
/** Where the main clause of the sentence `text` starts: past an opening subordinate clause, else 0. */
export const mainClauseStart = (text: string) => SUBORDINATE_OPENING.exec(text)?.[0].length ?? 0;
/** A parenthesis ("Gov. John Kasich (R-OH), said") does not part a subject from its verb. */
export const withoutParentheses = (text: string) => text.replace(/\s*\([^()]*\)/g, '');

/** The gap holds a word that opens another clause ("that", "and", "who" ...). */
const hasClauseWord = (gap: string) =>
  gap
    .trim()
    .split(/\s+/)
    .some((w) => CLAUSE_WORD.test(w));

const isSubjectGap = (gap: string, appositive: boolean) => {
  const g = withoutParentheses(gap);
  return (
    (DIRECT_GAP.test(g) && !hasClauseWord(g)) ||
    APPOSITION_GAP.test(g) ||
    // "her senior adviser, Jake Sullivan, said"
    (appositive && /^,\s+$/.test(g))
  );
};

/**
 * Between a verb and its subject after it, a role: "said former tech executive", "said Dr.", and a comma
 * between role and name ("said Acme chief economist, Ann Lee").
 */
const INVERTED_ROLE_GAP =
  /^\s+(?:(?:[^\s,;:.!?"“”‧()]+|\p{Lu}\p{Ll}{0,3}\.)\s+){0,6}(?:\p{Ll}[^\s,;:.!?"“”‧()]*,\s+)?$/u;
/** A gap that opens with one of these is an adverbial ("said in an interview with X"), not a role. */
const ADVERBIAL_START =
  /^\s+(?:to|in|on|at|for|with|from|during|after|before|about|by|as|into|of|when|while)\s/i;

/** A role with its "of" phrase before a name: "secretary of state", "master of ceremonies" (not "wife of"). */
const ROLE_OF = /(?:^|\s)(\p{Ll}[\p{Ll}-]*)\s+of\s+((?:\p{Ll}+\s+){1,2})$/u;
const ARTICLE_OR_OWNER = /^(?:the|a|an|his|her|their|its|my|our|your)$/;

/** The gap after a verb ends in a role and its "of" phrase, so the name after it is the role's holder. */
const isRoleOf = (gap: string) => {
  const m = ROLE_OF.exec(gap);
  const words = m?.[2]?.trim().split(/\s+/) ?? [];
  return (
    !!m &&
    isPersonNoun(m[1] as string) &&
    words.every((w) => !ARTICLE_OR_OWNER.test(w) && !isPersonNoun(w)) &&
    isRoleGap(gap.replace(/\s+of\s+/, ' '))
  );
};

const isRoleGap = (gap: string) =>
  INVERTED_ROLE_GAP.test(gap) && !ADVERBIAL_START.test(gap) && !hasClauseWord(gap);

/**
 * The subject written after its verb: '"…," said Dr. Jane Doe of the Institute' (`afterQuote`: the verb
 * follows its quotation, so a person a role's words away is its subject, whatever comes after the name), or
 * 'says Kasich, "…"' (before a quotation: only a person right after the verb and ending the clause, since
 * 'says Kasich "has a record"' makes Kasich the subject of what follows).
 */
function invertedSubject(masked: string, actors: readonly Actor[], v: Verb, afterQuote: boolean) {
  const after = actors.filter(
    (x) =>
      x.at >= v.end &&
      (!isObjectAfter(masked.slice(0, x.at)) ||
        (afterQuote && x.person && isRoleOf(masked.slice(v.end, x.at)))),
  );
  const first = after[0];
  if (!first) return undefined;
  if (!afterQuote)
    return first.person &&
      /^\s+$/.test(masked.slice(v.end, first.at)) &&
      /^(?:\s*\([^()]*\))?(?:[,.:;!?]|\s*$)/.test(masked.slice(first.end))
      ? first.entity
      : undefined;
  // a person after a role's words ("said Pentagon spokesman Jeff Davis"); else an organization right after
  // the verb ('"…," said Acme Corp.')
  const person = after.find((a) => a.person);
  if (person && isRoleGap(masked.slice(v.end, person.at))) return person.entity;
  return /^\s+$/.test(masked.slice(v.end, first.at)) ? first.entity : undefined;
}

/** Nothing, or a document and who wrote it, between "according to" and a name. */
const WRITTEN_BY =
  /^\s*(?:(?:an?|the)\s+(?:[\p{Ll}-]+\s+){0,2}(?:statement|document|filing|report|letter|e-?mail|memo|analysis|transcript|release|post|tweet|message|affidavit|complaint|motion|brief|note)\s+(?:(?:filed|written|signed|released|issued|sent|posted)\s+)?(?:by|from)\s+)?$/u;

/**
 * The speaker among `actors` (sentence-relative offsets, none before `from`) of a reporting verb at [at, end),
 * or undefined. `afterQuote`: the verb follows its quotation ('"…," said X of Y').
 */
export function speakerOfVerb(
  masked: string,
  actors: readonly Actor[],
  v: Verb,
  from: number,
  afterQuote = false,
): number | undefined {
  // 'Lee was asked by host Ann Vale, "…"': a passive verb's speaker is the one after "by"
  if (
    /\b(?:was|were|been|being|is|are)\s+$/.test(masked.slice(0, v.at)) &&
    /^\s+by\s/.test(masked.slice(v.end))
  ) {
    const agent = actors.find((a) => a.person && a.at > v.end);
    if (agent && isRoleGap(masked.slice(v.end, agent.at).replace(/^\s+by/, ''))) return agent.entity;
  }
  // 'the paper quoted Acme chief Ann Lee as saying': the words are the one quoted, not the one quoting
  if (v.verb === 'quoted' || v.verb === 'quotes') {
    const quoted = actors.find(
      (a) => a.person && a.at >= v.end && /^\s+as\s+saying\b/.test(masked.slice(a.end)),
    );
    if (quoted && isRoleGap(masked.slice(v.end, quoted.at))) return quoted.entity;
  }
  // "according to Lee", "according to a court filing by Lee", "according to an email from Lee"
  if (v.verb === 'according to')
    return actors.find((a) => a.at >= v.end && WRITTEN_BY.test(masked.slice(v.end, a.at)))?.entity;
  // '"…," Vale quipped in reply to Reyes': the subject before the verb comes first after a quotation; after it,
  // any reporting verb but one that names its object ('"…," tweeted Mike Nellis', not '"…," told Ann Lee')
  if (afterQuote && !OBJECT_VERB.test(v.verb))
    return subjectBefore(masked, actors, v, from) ?? invertedSubject(masked, actors, v, true);
  if (!INVERTIBLE_VERB.test(v.verb)) return subjectBefore(masked, actors, v, from);
  // "said Jane Doe", "said the minister": the subject after its verb
  return invertedSubject(masked, actors, v, false) ?? subjectBefore(masked, actors, v, from);
}

/** The text from `from` to `to` with each actor in it one word: "Lee of the Acme Policy Center wrote". */
function gapOf(masked: string, actors: readonly Actor[], from: number, to: number): string {
  let gap = '';
  let at = from;
  for (const a of actors) {
    if (a.at < at || a.end > to) continue;
    gap += `${masked.slice(at, a.at)}X`;
    at = a.end;
  }
  return gap + masked.slice(at, to);
}

/** The subject before a reporting verb: "X said", "X, an adviser, said", "X has said". */
function subjectBefore(masked: string, actors: readonly Actor[], v: Verb, from: number): number | undefined {
  const before = actors.filter(
    (a) =>
      a.at >= from &&
      a.end <= v.at &&
      // ('Lee accuses Vale of it and Ann Reyes says': a person after "and" may open a clause of her own)
      !(a.person ? GOVERNED_BEFORE : OBJECT_BEFORE).test(masked.slice(0, a.at)) &&
      !/\([^)]*$/.test(masked.slice(from, a.at)),
  );
  // "Clinton posted a comment, saying": the clause's subject, its first person; "…, Nefzi said, adding": the
  // subject of the verb the participle follows
  if (PARTICIPLE.test(v.verb)) {
    // ('with Lee noting "…"': a participle's own subject right before it)
    const own = actors.find(
      (a) =>
        a.person &&
        a.at >= from &&
        /^\s+$/.test(masked.slice(a.end, v.at)) &&
        /(?:^|\bwith\s|[,;]\s)$/.test(masked.slice(0, a.at)),
    );
    if (own) return own.entity;
    const reporter = before.findLast((a) => REPORTED_THEN.test(masked.slice(a.end, v.at)));
    // (the main clause's: "In June, after Lee fell ill, Vale wrote to her, telling her" is Vale's)
    const main = from + mainClauseStart(masked.slice(from, v.at));
    const person = before.find((a) => a.person && a.at >= main) ?? before.find((a) => a.person);
    return (reporter ?? person ?? before[0])?.entity;
  }
  let organization: Actor | undefined;
  for (let k = before.length - 1; k >= 0; k--) {
    const a = before[k] as Actor;
    // (an apposition: "her adviser, Jake Sullivan, said", a mention that holds its role and comma too)
    const appositive = /,\s*$/.test(masked.slice(0, a.at)) || masked.slice(a.at, a.end).includes(',');
    if (!isSubjectGap(gapOf(masked, actors, a.end, v.at), appositive)) continue;
    if (a.person) return a.entity;
    organization ??= a;
  }
  return organization?.entity;
}

/** 'Republican pollster Daron Shaw: "..."': the actor a colon right before `at` follows. */
export function colonSpeaker(masked: string, actors: readonly Actor[], at: number): number | undefined {
  const a = actors.findLast((x) => x.end <= at);
  // ('Lee sent a message to Ann Vale: "…"': the person a preposition governs is no speaker)
  return a?.person &&
    !GOVERNED_BEFORE.test(masked.slice(0, a.at)) &&
    /^\s*(?:\([^()]*\))?\s*:\s*$/.test(masked.slice(a.end, at))
    ? a.entity
    : undefined;
}

export interface Verb {
  verb: string;
  at: number;
  end: number;
}

export function verbsIn(masked: string): Verb[] {
  return [...masked.matchAll(SPEECH_VERB)].map((m) => ({
    verb: m[0].toLowerCase(),
    at: m.index,
    end: m.index + m[0].length,
  }));
}
