/**
 * A document's entities as extraction finds them: one per distinct name, with the surnames and first names of
 * people named in full (and the tail of "Canada's Revenue Agency") as aliases.
 */
import { TITLE_WORDS } from './lexicon.ts';
import { type NameKind, type NameSpan, withoutSuffix } from './names.ts';

export interface LocalEntity {
  name: string;
  kind: NameKind;
  role?: string;
  aliases: Set<string>;
}

/** A place of work a relative clause gives: "works in the Zeta research unit". */
const workplace = (role: string) => /^work(?:s|ed) /.test(role);

/**
 * Whether `role` says more than `known`: the fullest role the text gives ("Liberal Democrat leader" over "leader"),
 * and any role noun over a place of work.
 */
export const fuller = (role: string, known: string) =>
  workplace(role) === workplace(known) ? role.length > known.length : workplace(known);

export class EntityTable {
  readonly entities: LocalEntity[] = [];
  readonly #byName = new Map<string, number>();
  readonly #byAlias = new Map<string, number>();

  /** The entity of this name, made if new; a role and a kind other than 'other' are kept once known. */
  entityFor(name: string, kind: NameKind, role?: string): number {
    const key = name.toLowerCase();
    let id = this.#byName.get(key);
    if (id === undefined) {
      id = this.entities.length;
      this.entities.push({ name, kind, aliases: new Set([name]) });
      this.#byName.set(key, id);
    }
    const entity = this.entities[id] as LocalEntity;
    if (role && (!entity.role || fuller(role, entity.role))) entity.role = role;
    if (kind !== 'other' && entity.kind === 'other') entity.kind = kind;
    return id;
  }

  byName(name: string): number | undefined {
    return this.#byName.get(name.toLowerCase());
  }

  /** "Brown" of "Mr Brown": the person named in full with this surname, or undefined. */
  fullNameOf(word: string): number | undefined {
    const id = this.#byAlias.get(word.toLowerCase());
    return id !== undefined && this.isPerson(id) ? id : undefined;
  }

  byAlias(name: string): number | undefined {
    return this.#byAlias.get(name.toLowerCase());
  }

  #addAlias(id: number, alias: string): void {
    if (!this.#byAlias.has(alias.toLowerCase())) this.#byAlias.set(alias.toLowerCase(), id);
    (this.entities[id] as LocalEntity).aliases.add(alias);
  }

  /** A name span seen in the document: its entity, and its aliases (a full name's surname and first name). */
  register(n: NameSpan): void {
    if ((n.kind === 'other' && !n.role) || n.adjectiveLike) return;
    // "Mr Brown" or "the Brown campaign" after "Gordon Brown": the same person (spans of one word are registered
    // after full names), with the role an apposition gives it ("Mr Brown, chief economist at Zeta,")
    const full = !/\s/.test(n.name) ? this.fullNameOf(n.name) : undefined;
    if (full !== undefined) {
      this.entityFor((this.entities[full] as LocalEntity).name, 'person', n.role);
      return;
    }
    const id = this.entityFor(n.name, n.kind, n.role);
    const words = withoutSuffix(n.name).split(/\s+/);
    if (n.kind === 'person' && words.length >= 2) {
      for (const alias of [words[words.length - 1] as string, words[0] as string]) {
        if (/^\p{Lu}\.?$/u.test(alias) || TITLE_WORDS.has(alias.toLowerCase())) continue;
        this.#addAlias(id, alias);
      }
    }
    if (n.kind === 'org') {
      const tail = n.name.replace(/^.*['’]s\s+/, '');
      if (tail !== n.name) this.#addAlias(id, tail);
    }
  }

  isPerson(id: number): boolean {
    return (this.entities[id] as LocalEntity).kind === 'person';
  }
}
