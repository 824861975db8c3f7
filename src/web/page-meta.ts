/**
 * What a news page says about itself, read before anything is removed from it: the publication date
 * (`article:published_time`, then JSON-LD `datePublished`, then the first `<time datetime>`) and the author
 * (`<meta name="author">`, then JSON-LD `author`), each as the knowledge loader's front matter wants it.
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
    try {
      visit(JSON.parse(script.textContent ?? ''));
    } catch {
      // A broken JSON-LD block says nothing; the page's other metadata still counts.
    }
  }
  return objects;
}

/** A JSON-LD author: a name, a Person ({name}), or a list of them (joined with "and"). */
function authorName(value: unknown): string | undefined {
  if (typeof value === 'string') return value.trim() || undefined;
  if (Array.isArray(value)) {
    const names = value.map(authorName).filter((name): name is string => name !== undefined);
    return names.length > 0 ? names.join(' and ') : undefined;
  }
  if (value && typeof value === 'object') return authorName((value as Record<string, unknown>).name);
  return undefined;
}

const metaContent = (document: DomElement, selector: string) =>
  document.querySelector(selector)?.getAttribute('content')?.trim() || undefined;

/** An author field that is a link (some sites put the author's page there) names nobody. */
const notALink = (value: string | undefined) => (value && !/^https?:\/\//i.test(value) ? value : undefined);

export function readPageMeta(document: DomElement): PageMeta {
  const linked = jsonLdObjects(document);
  const published =
    isoDay(metaContent(document, 'meta[property="article:published_time"]')) ??
    linked.map((object) => isoDay(String(object.datePublished ?? ''))).find((day) => day !== undefined) ??
    isoDay(document.querySelector('time[datetime]')?.getAttribute('datetime'));
  const author =
    notALink(metaContent(document, 'meta[name="author"]')) ??
    linked.map((object) => notALink(authorName(object.author))).find((name) => name !== undefined);
  const meta: PageMeta = {};
  if (published) meta.published = published;
  if (author) meta.author = author.replace(/\s+/g, ' ');
  return meta;
}
