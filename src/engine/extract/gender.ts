/**
 * What a document tells of a person's gender, so that "she said" is not read as the words of the man named just
 * before: courtesy titles and gendered role nouns ("Mrs.", "spokeswoman", "the king"), and a pronoun that can
 * stand for one person only ("Ann Lee said she would run"). Nothing is guessed from first names.
 */

export type Gender = 'female' | 'male';

const list = (text: string) => new Set(text.trim().split(/\s+/));
const FEMALE_WORDS = list(`
  mrs ms miss dame lady madam madame queen princess duchess countess empress baroness actress spokeswoman
  chairwoman congresswoman businesswoman councilwoman anchorwoman stateswoman sister mother wife daughter widow
  grandmother aunt niece girlfriend
`);
const MALE_WORDS = list(`
  mr sir lord king prince duke emperor baron spokesman chairman congressman businessman councilman anchorman
  statesman brother father husband son widower grandfather uncle nephew boyfriend
`);

/** The gender a subject pronoun gives its antecedent. */
export const pronounGender = (pronoun: string): Gender => (/^she$/i.test(pronoun) ? 'female' : 'male');

/** The gender the words of a role or courtesy title give ("Mrs.", "campaign spokeswoman"), if any. */
export function genderOfTitle(text: string): Gender | undefined {
  let found: Gender | undefined;
  for (const word of text.toLowerCase().split(/[^a-z]+/)) {
    const g = FEMALE_WORDS.has(word) ? 'female' : MALE_WORDS.has(word) ? 'male' : undefined;
    if (g && found && g !== found) return undefined;
    found ??= g;
  }
  return found;
}

/** The genders learnt so far in a document, per entity; evidence that disagrees leaves the gender unknown. */
export class Genders {
  readonly #known = new Map<number, Gender | null>();

  note(entity: number, gender: Gender | undefined): void {
    if (gender === undefined) return;
    const was = this.#known.get(entity);
    if (was === undefined) this.#known.set(entity, gender);
    else if (was !== gender) this.#known.set(entity, null);
  }

  of(entity: number): Gender | undefined {
    return this.#known.get(entity) ?? undefined;
  }

  /** The entity may be what a pronoun of this gender stands for: its gender is that one, or unknown. */
  fits(entity: number, gender: Gender): boolean {
    const known = this.of(entity);
    return known === undefined || known === gender;
  }
}
