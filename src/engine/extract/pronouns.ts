/**
 * Pronouns in the mention model: the "he" and "she" that stand for one person beyond doubt, stored as mentions of
 * that person (via 'pronoun'). Quotation attribution resolves every pronoun (analyze.ts); only these are stored.
 */
import type { LocalMention } from './descriptions.ts';
import type { EntityTable } from './entities.ts';
import { type Genders, pronounGender } from './gender.ts';
import type { quotedRanges } from './quote-marks.ts';
import type { Actor } from './reporting-verbs.ts';

/** What the reading so far tells of the people named. */
export interface NamedSoFar {
  genders: Genders;
  /** Sentences read before this one. */
  sentencesRead: number;
  /** The last sentence (its number in sentencesRead) that named each person. */
  lastNamed: Map<number, number>;
}

/**
 * The pronouns of a sentence (text at `base`; `actors` its names and resolved pronouns) that stand for one person
 * beyond doubt, as mentions of that person: no other person who may be of the pronoun's gender is named since
 * that person last was, nor before the pronoun in its sentence ("Ms Lee said she", "Mr Hale arrived. Later he
 * left"; not "Ann Lee met Tom Ray. He said", gender being learnt from the text only); when the text told that
 * person's gender, no other person it told is of that gender, nor one it told nothing of named later ("Ms Lee met
 * Tom Ray. She said" is Lee's). A pronoun inside a quotation is the quoted speaker's, and is left out.
 */
export function pronounMentions(
  text: string,
  base: number,
  mentions: LocalMention[],
  actors: Actor[],
  quoted: ReturnType<typeof quotedRanges>,
  table: EntityTable,
  named: NamedSoFar,
): LocalMention[] {
  const { genders, sentencesRead, lastNamed } = named;
  const out: LocalMention[] = [];
  for (const a of actors) {
    if (mentions.some((m) => m.start === a.at)) continue;
    if (quoted.some((q) => a.at - base >= q.start && a.at - base < q.end)) continue;
    const gender = pronounGender(text.slice(a.at - base, a.end - base));
    const before = mentions.filter((m) => m.start < a.at && table.isPerson(m.entity)).map((m) => m.entity);
    const since = before.includes(a.entity) ? sentencesRead : (lastNamed.get(a.entity) ?? sentencesRead);
    // (a person the text told is of the pronoun's gender is in doubt beside another one told so, or one who may
    // be, named later)
    const told = genders.of(a.entity) === gender;
    const rival = (e: number, at: number) =>
      e !== a.entity && (told && at <= since ? genders.of(e) === gender : genders.fits(e, gender));
    const doubt =
      [...lastNamed].some(([e, at]) => at >= since && rival(e, at)) || before.some((e) => rival(e, since));
    if (!doubt)
      out.push({
        entity: a.entity,
        start: a.at,
        end: a.end,
        nameStart: a.at,
        via: 'pronoun',
        possessive: false,
      });
  }
  return out;
}
