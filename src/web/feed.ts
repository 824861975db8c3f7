/**
 * News feeds -> their items, with fast-xml-parser: RSS 2.0 (`rss > channel > item`), Atom (`feed > entry`)
 * and RSS 1.0 (`rdf:RDF > item`). An item is known by its guid (or Atom id), else by its canonical link (so
 * a link that gains `?utm_source=` is the same item). Its link is `<link>` (Atom: rel="alternate"), else an
 * RSS guid that is a permalink (`isPermaLink` is true unless it says "false"); relative links are resolved
 * against `xml:base` where the feed gives one, else the feed's URL. Items without a link to an article are
 * left out, since the article is what the bot adds.
 */
import { XMLParser } from 'fast-xml-parser';
import { canonicalUrl } from './canonical-url.ts';

export interface FeedItem {
  /** What makes the item the same item on the next poll: its guid/id, else its canonical link. */
  key: string;
  link: string;
  title?: string;
  /** When the item was published (or last updated), in ms since 1970, when the feed says. */
  published?: number;
}

export interface Feed {
  title: string;
  items: FeedItem[];
}

export class FeedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FeedError';
  }
}

type XmlNode = Record<string, unknown>;

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  removeNSPrefix: false,
  isArray: (name) => ['item', 'entry', 'link'].includes(name),
  processEntities: true,
  htmlEntities: true,
});

/** An element's text whether the parser gave a string, a number, or an object with `#text`. */
function textOf(value: unknown): string | undefined {
  if (Array.isArray(value)) return textOf(value[0]);
  if (typeof value === 'string' || typeof value === 'number') return String(value).trim() || undefined;
  if (value && typeof value === 'object') return textOf((value as XmlNode)['#text']);
  return undefined;
}

const asNodes = (value: unknown): XmlNode[] =>
  (Array.isArray(value) ? value : value === undefined ? [] : [value]).filter(
    (node): node is XmlNode => typeof node === 'object' && node !== null,
  );

/** A URL resolved against `base`; undefined when it is not one. */
function resolved(value: string, base: string): string | undefined {
  try {
    return new URL(value, base).href;
  } catch {
    return undefined;
  }
}

/** The base URL inside `node`: its `xml:base` resolved against the base outside it. */
function baseOf(node: XmlNode | undefined, outer: string): string {
  const declared = node ? textOf(node['@_xml:base']) : undefined;
  return (declared && resolved(declared, outer)) ?? outer;
}

/** An absolute http(s) link, resolved against `base`; undefined for anything else. */
function absoluteLink(value: string | undefined, base: string): string | undefined {
  if (!value) return undefined;
  const link = resolved(value, base);
  return link && /^https?:/.test(link) ? link : undefined;
}

/** Atom's link to the entry's page: rel="alternate" (or no rel), not "self", "edit" or "enclosure". */
function atomLink(entry: XmlNode, base: string): string | undefined {
  const links = Array.isArray(entry.link) ? (entry.link as unknown[]) : [];
  for (const link of links) {
    if (typeof link === 'string') return absoluteLink(link, base);
    const node = link as XmlNode;
    const rel = String(node['@_rel'] ?? 'alternate');
    if (rel === 'alternate' && typeof node['@_href'] === 'string')
      return absoluteLink(node['@_href'], baseOf(node, base));
  }
  return undefined;
}

/** An RSS guid that is a permalink (the default) and an http(s) link: the item's link when it has none. */
function permalinkGuid(item: XmlNode, base: string): string | undefined {
  const isPermaLink = asNodes(item.guid)[0]?.['@_isPermaLink'] ?? 'true';
  if (String(isPermaLink).trim().toLowerCase() === 'false') return undefined;
  return absoluteLink(textOf(item.guid), base);
}

/** The item's date: RSS pubDate or dc:date, Atom published or updated. */
function publishedOf(node: XmlNode): number | undefined {
  for (const field of ['pubDate', 'dc:date', 'published', 'updated']) {
    const time = Date.parse(textOf(node[field]) ?? '');
    if (!Number.isNaN(time)) return time;
  }
  return undefined;
}

function item(node: XmlNode, outerBase: string, atom: boolean): FeedItem | undefined {
  const base = baseOf(node, outerBase);
  const link = atom
    ? atomLink(node, base)
    : (absoluteLink(textOf(node.link), baseOf(asNodes(node.link)[0], base)) ?? permalinkGuid(node, base));
  if (!link) return undefined;
  const key = textOf(atom ? node.id : node.guid) ?? textOf(node['@_rdf:about']) ?? canonicalUrl(link);
  const entry: FeedItem = { key, link };
  const title = textOf(node.title);
  if (title) entry.title = title;
  const published = publishedOf(node);
  if (published !== undefined) entry.published = published;
  return entry;
}

/** Parses an RSS or Atom document fetched from `url`; throws FeedError when it is neither. */
export function parseFeed(xml: string, url: string): Feed {
  let document: XmlNode;
  try {
    document = parser.parse(xml) as XmlNode;
  } catch (error) {
    throw new FeedError(`the feed is not well-formed XML: ${(error as Error).message}`);
  }
  const rss = asNodes(document.rss)[0];
  const channel = rss ? asNodes(rss.channel)[0] : undefined;
  const atom = asNodes(document.feed)[0];
  const rdf = asNodes(document['rdf:RDF'])[0];
  const root = channel ?? atom ?? rdf;
  if (!root) throw new FeedError('this is not an RSS or Atom feed (no <rss>, <feed> or <rdf:RDF> element)');
  const title = textOf(channel?.title ?? atom?.title ?? asNodes(rdf?.channel)[0]?.title) ?? new URL(url).host;
  const base = channel ? baseOf(channel, baseOf(rss, url)) : baseOf(root, url);
  const nodes = asNodes(atom ? atom.entry : root.item);
  const items = nodes
    .map((node) => item(node, base, atom !== undefined))
    .filter((entry): entry is FeedItem => entry !== undefined);
  return { title, items };
}
