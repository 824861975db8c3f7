/**
 * News feeds -> their items, with fast-xml-parser: RSS 2.0 (`rss > channel > item`), Atom (`feed > entry`)
 * and RSS 1.0 (`rdf:RDF > item`). An item is known by its guid (or Atom id), else by its link; items
 * without a link to an article are left out, since the article is what the bot adds.
 */
import { XMLParser } from 'fast-xml-parser';

export interface FeedItem {
  /** What makes the item the same item on the next poll: its guid/id, else its link. */
  key: string;
  link: string;
  title?: string;
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

/** An absolute http(s) link, resolved against the feed's own URL; undefined for anything else. */
function absoluteLink(value: string | undefined, base: string): string | undefined {
  if (!value) return undefined;
  try {
    const url = new URL(value, base);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}

/** Atom's link to the entry's page: rel="alternate" (or no rel), not "self", "edit" or "enclosure". */
function atomLink(entry: XmlNode): string | undefined {
  const links = Array.isArray(entry.link) ? (entry.link as unknown[]) : [];
  for (const link of links) {
    if (typeof link === 'string') return link;
    const node = link as XmlNode;
    const rel = String(node['@_rel'] ?? 'alternate');
    if (rel === 'alternate' && typeof node['@_href'] === 'string') return node['@_href'];
  }
  return undefined;
}

function item(node: XmlNode, base: string, atom: boolean): FeedItem | undefined {
  const link = absoluteLink(atom ? atomLink(node) : textOf(node.link), base);
  if (!link) return undefined;
  const key = textOf(atom ? node.id : node.guid) ?? textOf(node['@_rdf:about']) ?? link;
  const title = textOf(node.title);
  return title ? { key, link, title } : { key, link };
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
  const nodes = asNodes(atom ? atom.entry : root.item);
  const items = nodes
    .map((node) => item(node, url, atom !== undefined))
    .filter((entry): entry is FeedItem => entry !== undefined);
  return { title, items };
}
