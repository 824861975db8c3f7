/**
 * What a news page says about itself, read before anything is removed from it: the publication date
 * (`article:published_time` or `article:publicationdate`, then JSON-LD `datePublished`, then microdata
 * `itemprop="datePublished"`, then the first `<time datetime>`) and the author (`<meta name="author">` or
 * `name="byl"`, then `property="article:author"`, then JSON-LD `author`, then microdata `itemprop="author"`,
 * then a `rel="author"` link), each as the knowledge loader's front matter wants it.
 */

/** The few DOM members read here (linkedom's nodes have them; the project compiles without the DOM lib). */
export interface DomElement {
  nodeType: number;
  nodeName: string;
  textContent: string | null;
  childNodes: ArrayLike<DomElement>;
  getAttribute(name: string): string | null;
  querySelector(selector: string): DomElement | null;
  querySelectorAll(selector: string): ArrayLike<DomElement>;
  remove(): void;
}

export interface PageMeta {
  /** YYYY-MM-DD */
  published?: string;
  author?: string;
}

/**
 * A date as the loader's front matter writes it (YYYY-MM-DD): the date as the publisher wrote it when the
 * value starts with one (its own calendar day, not UTC's), else whatever Date can parse, else undefined.
 */
export function isoDay(value: string | null | undefined): string | undefined {
  if (!value) return undefined;
  const written = /^\s*(\d{4}-\d{2}-\d{2})/.exec(value)?.[1];
  const candidate = written ?? (Number.isNaN(Date.parse(value)) ? '' : new Date(value).toISOString());
  const day = candidate.slice(0, 10);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return undefined;
  const parsed = new Date(`${day}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().startsWith(day) ? day : undefined;
}

/** Every object in the page's JSON-LD blocks, @graph members and arrays included; bad JSON is skipped. */
function jsonLdObjects(document: DomElement): Record<string, unknown>[] {
  const objects: Record<string, unknown>[] = [];
  const visit = (value: unknown) => {
    if (Array.isArray(value)) for (const item of value) visit(item);
    else if (value && typeof value === 'object') {
      objects.push(value as Record<string, unknown>);
      visit((value as Record<string, unknown>)['@graph']);
    }
  };
  for (const script of Array.from(document.querySelectorAll('script[type="application/ld+json"]'))) {
    // Some sites wrap the JSON in a CDATA section, commented out or not.
    const json = (script.textContent ?? '').replace(/^\s*(?:\/\/\s*)?<!\[CDATA\[|(?:\/\/\s*)?\]\]>\s*$/g, '');
    try {
      visit(JSON.parse(json));
    } catch {
      // A broken JSON-LD block says nothing; the page's other metadata still counts.
    }
  }
  return objects;
}

const MONTHS =
  'January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec';

/**
 * The person (or people) a byline names, or undefined: "By" taken off, a handle ("@…"), a date or anything
 * from the first digit on cut off; a link, a user name or something too long to be names is no author.
 */
export function personName(value: string | null | undefined): string | undefined {
  if (!value || /https?:\/\/|www\./i.test(value)) return undefined;
  const name = value
    .replace(/\s+/g, ' ')
    .replace(/^\s*by:?\s+/i, '')
    .replace(/\s*@.*$/, '')
    .replace(/\d.*$/, '')
    .replace(new RegExp(`[\\s,|•·–—-]*\\b(?:${MONTHS})\\.?[\\s,|•·–—-]*$`, 'i'), '')
    .replace(/[\s,|•·–—-]+$/, '')
    .trim();
  if (name.length < 3 || name.length > 100 || !/\p{L}/u.test(name)) return undefined;
  // One word in lower case is a user name ("jdoe"), not the name a byline gives.
  if (!/\s/.test(name) && name === name.toLowerCase() && name !== name.toUpperCase()) return undefined;
  return name;
}

/** A JSON-LD author: a name, a Person ({name}, or a reference {@id} to one in the page), or a list of them. */
function authorName(value: unknown, objects: Record<string, unknown>[]): string | undefined {
  if (typeof value === 'string') return personName(value);
  if (Array.isArray(value)) {
    const names = value
      .map((item) => authorName(item, objects))
      .filter((name): name is string => name !== undefined);
    return names.length > 0 ? names.join(' and ') : undefined;
  }
  if (value && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    if (record.name !== undefined) return authorName(record.name, objects);
    const id = record['@id'];
    const target = objects.find((object) => object !== record && object['@id'] === id && object.name);
    return target ? authorName(target.name, objects) : undefined;
  }
  return undefined;
}

const metaContent = (document: DomElement, selector: string) =>
  document.querySelector(selector)?.getAttribute('content')?.trim() || undefined;

/** A microdata property's value: its `content` or `datetime` attribute, else its text. */
function itemValue(element: DomElement | null): string | undefined {
  if (!element) return undefined;
  const value =
    element.getAttribute('content') ?? element.getAttribute('datetime') ?? element.textContent ?? undefined;
  return value?.trim() || undefined;
}

/** The microdata author: its `itemprop="name"` when it is a Person item, else its own value. */
function microdataAuthor(document: DomElement): string | undefined {
  const author = document.querySelector('[itemprop~="author"]');
  if (!author) return undefined;
  return personName(itemValue(author.querySelector('[itemprop~="name"]')) ?? itemValue(author));
}

export function readPageMeta(document: DomElement): PageMeta {
  const linked = jsonLdObjects(document);
  const published =
    isoDay(metaContent(document, 'meta[property="article:published_time"]')) ??
    isoDay(metaContent(document, 'meta[property="article:publicationdate"]')) ??
    linked.map((object) => isoDay(String(object.datePublished ?? ''))).find((day) => day !== undefined) ??
    isoDay(itemValue(document.querySelector('[itemprop~="datePublished"]'))) ??
    isoDay(document.querySelector('time[datetime]')?.getAttribute('datetime'));
  const author =
    personName(metaContent(document, 'meta[name="author"]')) ??
    personName(metaContent(document, 'meta[name="byl"]')) ??
    personName(metaContent(document, 'meta[property="article:author"]')) ??
    linked.map((object) => authorName(object.author, linked)).find((name) => name !== undefined) ??
    microdataAuthor(document) ??
    personName(document.querySelector('a[rel~="author"]')?.textContent);
  const meta: PageMeta = {};
  if (published) meta.published = published;
  if (author) meta.author = author;
  return meta;
}
