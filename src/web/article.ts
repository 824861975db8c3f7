/**
 * A web page -> the article in it, as a knowledge document. The page is parsed with linkedom (a light DOM:
 * about ten times faster than jsdom on news pages, a fraction of its memory, and the same extraction), page
 * furniture that Readability can leave behind (navigation, asides, footers, forms, ads, cookie banners,
 * related links, share bars, comments, captions) is removed — but never an element that holds much of the
 * page's paragraph text, whatever its class says (sites put "social" or "sidebar" on the wrapper of the whole
 * article) — Mozilla's Readability finds the main text, and its blocks become paragraphs: one per block
 * element, one per `<br>`-separated run of text, one per table row. Lines that are page furniture by their
 * words (./leftovers.ts) are dropped; subheadings are kept as Markdown headings, which the loader does not
 * count as paragraphs, except a sentence set as a heading (a standfirst), which stays a paragraph.
 *
 * A page is refused, with the reason, when its main text is too short for an article, when it is a front or
 * index page (its text mostly links), or when its text holds replacement or control characters (it was not
 * read in its true character encoding).
 */
import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import { leftoverRule, withoutMarks, wordCount } from './leftovers.ts';
import { type DomElement, type PageMeta, personName, readPageMeta } from './page-meta.ts';

/** Below this many characters of main text a page is not taken for an article (a sign-in or index page). */
export const MIN_ARTICLE_CHARACTERS = 400;
/**
 * An element that holds at least this share of the page's paragraph text is never removed as furniture: it
 * is (or wraps) the article.
 */
const ARTICLE_SHARE = 0.3;
/**
 * A page with at least INDEX_MIN_HEADLINES headlines that link elsewhere, more than INDEX_HEADLINES_PER_PARAGRAPH
 * of them per paragraph of text (BODY_PARAGRAPH_WORDS words or more), and whose paragraphs are mostly teasers
 * (each the first paragraph under such a headline) is a front or index page. An article's box of related links
 * has no paragraphs of the article under its headlines; a list article ("the 8 best ...") with a linked
 * headline per item has more text than headlines. A page of link lines alone is left to the length rule, once
 * its link lines are dropped.
 */
const INDEX_MIN_HEADLINES = 5;
const INDEX_HEADLINES_PER_PARAGRAPH = 1.5;
const BODY_PARAGRAPH_WORDS = 20;
/** A paragraph of fewer words that is nearly all link text is a link to elsewhere ("Read more", a menu). */
const LINK_LINE_WORDS = 12;
/** A heading of at least this many words that ends like a sentence is a standfirst: a paragraph. */
const STANDFIRST_WORDS = 12;
/** Before the first paragraph of LEAD_WORDS words or more, paragraphs under LABEL_WORDS are labels ("EXCLUSIVE"). */
const LEAD_WORDS = 8;
const LABEL_WORDS = 5;
/** Longest title kept in front matter, and longest file name made from it (without extension). */
const TITLE_MAX = 200;
const FILE_NAME_MAX = 80;

export interface Article extends PageMeta {
  title: string;
  /** The page's final URL. */
  source: string;
  /** In order: paragraph text, or a subheading (`heading: true`). */
  blocks: { text: string; heading?: boolean }[];
}

export class ArticleError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ArticleError';
  }
}

/** Elements that are never article text, whatever their class says. */
const FURNITURE_SELECTOR = [
  'nav',
  'aside',
  'footer',
  'form',
  'button',
  'dialog',
  'noscript',
  'iframe',
  'template',
  'figcaption',
  '[hidden]',
  '[aria-hidden="true"]',
  '[role="navigation"]',
  '[role="complementary"]',
  '[role="contentinfo"]',
  '[role="dialog"]',
  '[role="alertdialog"]',
].join(',');

/** Class or id words (split at spaces, hyphens and underscores) that mark page furniture. */
const FURNITURE_WORDS = new Set([
  'ad',
  'ads',
  'adv',
  'advert',
  'adverts',
  'advertisement',
  'advertising',
  'sponsor',
  'sponsored',
  'promo',
  'promoted',
  'cookie',
  'cookies',
  'consent',
  'gdpr',
  'newsletter',
  'subscribe',
  'related',
  'share',
  'sharing',
  'social',
  'comment',
  'comments',
  'disqus',
  'outbrain',
  'taboola',
  'sidebar',
  'breadcrumb',
  'breadcrumbs',
  'nav',
  'navbar',
  'menu',
  'footer',
  'popup',
  'modal',
  'caption',
  'captions',
  'credit',
  'credits',
  'attribution',
  'toc',
  'infobox',
]);

const BLOCK_TAGS = new Set(
  'ADDRESS ARTICLE BLOCKQUOTE DD DIV DL DT FIGURE HEADER HR LI MAIN OL P PRE SECTION TABLE TR UL'.split(' '),
);
const CELL_TAGS = new Set(['TD', 'TH']);
const HEADING_TAGS = new Set(['H1', 'H2', 'H3', 'H4', 'H5', 'H6']);
const SKIPPED_TAGS = new Set(['SCRIPT', 'STYLE', 'IMG', 'PICTURE', 'VIDEO', 'AUDIO', 'SVG', 'FIGCAPTION']);

/** A block as read from the page: its text, whether it is a heading, and how many of its characters link. */
interface PageBlock {
  text: string;
  heading?: boolean;
  linked: number;
}

const collapse = (text: string) => text.replace(/\s+/g, ' ').trim();

function isFurniture(element: DomElement): boolean {
  const words = `${element.getAttribute('class') ?? ''} ${element.getAttribute('id') ?? ''}`
    .toLowerCase()
    .split(/[\s_-]+/);
  if (words.some((word) => FURNITURE_WORDS.has(word))) return true;
  return /advert/i.test(element.getAttribute('aria-label') ?? '');
}

/** Characters of paragraph text in an element (its `<p>`s'; a `<p>` counts itself). */
function paragraphText(element: DomElement): number {
  if (element.nodeName.toUpperCase() === 'P') return (element.textContent ?? '').length;
  let sum = 0;
  for (const p of Array.from(element.querySelectorAll('p'))) sum += (p.textContent ?? '').length;
  return sum;
}

/** Removes furniture, except an element holding ARTICLE_SHARE of the page's paragraph text or more. */
function removeFurniture(document: DomElement): void {
  const body = document.querySelector('body');
  const total = body ? paragraphText(body) : 0;
  const remove = (element: DomElement) => {
    if (total === 0 || paragraphText(element) < ARTICLE_SHARE * total) element.remove();
  };
  for (const element of Array.from(document.querySelectorAll(FURNITURE_SELECTOR))) remove(element);
  if (!body) return;
  for (const element of Array.from(body.querySelectorAll('[class],[id],[aria-label]')))
    if (isFurniture(element)) remove(element);
}

/**
 * Removes comments, which would end a run of text where they stand (React writes `<!-- -->` between the
 * parts of a sentence).
 */
function removeComments(node: DomElement): void {
  for (const child of Array.from(node.childNodes)) {
    if (child.nodeType === 8) child.remove();
    else if (child.nodeType === 1) removeComments(child);
  }
}

/**
 * The article's blocks, in order: block elements, table rows and `<br>` end a paragraph (a row's cells are
 * joined with " | "), headings are their own block.
 */
function blocksOf(root: DomElement): PageBlock[] {
  const blocks: PageBlock[] = [];
  let current = '';
  let linked = 0;
  const flush = () => {
    const text = collapse(current);
    if (text) blocks.push({ text, linked: Math.min(linked, text.length) });
    current = '';
    linked = 0;
  };
  const walk = (node: DomElement, inLink: boolean) => {
    if (node.nodeType === 3) {
      const text = node.textContent ?? '';
      current += text;
      if (inLink) linked += collapse(text).length;
      return;
    }
    if (node.nodeType !== 1) return;
    const tag = node.nodeName.toUpperCase();
    if (SKIPPED_TAGS.has(tag)) return;
    if (tag === 'BR') return flush();
    if (HEADING_TAGS.has(tag)) {
      flush();
      const text = collapse(node.textContent ?? '');
      const link = node.querySelector('a') ? text.length : 0;
      if (text) blocks.push({ text, heading: true, linked: inLink ? text.length : link });
      return;
    }
    if (CELL_TAGS.has(tag) && collapse(current)) current += ' | ';
    const block = BLOCK_TAGS.has(tag);
    if (block) flush();
    for (const child of Array.from(node.childNodes)) walk(child, inLink || tag === 'A');
    if (block) flush();
  };
  walk(root, false);
  flush();
  return blocks;
}

/** A block that is (nearly) all link text: a headline or a line pointing to another page. */
const isLinkBlock = (block: PageBlock) => block.linked >= 0.9 * block.text.length;

/**
 * The blocks a reader wants: reference marks taken out, furniture lines and link lines dropped, a sentence set
 * as a heading made a paragraph, short labels before the first real paragraph dropped.
 */
function cleanBlocks(blocks: PageBlock[]): Article['blocks'] {
  const kept: Article['blocks'] = [];
  let started = false;
  for (const block of blocks) {
    const text = withoutMarks(block.text);
    if (!text || leftoverRule(text)) continue;
    const words = wordCount(text);
    const heading = block.heading === true && !(words >= STANDFIRST_WORDS && /[.!?…]["'”’)]*$/.test(text));
    if (!heading && isLinkBlock(block) && words < LINK_LINE_WORDS) continue;
    if (!heading && !started && words < LABEL_WORDS) continue;
    if (!heading && words >= LEAD_WORDS) started = true;
    kept.push(heading ? { text, heading: true } : { text });
  }
  return kept;
}

/** Why these blocks are a front or index page rather than an article (see INDEX_MIN_HEADLINES), or undefined. */
function indexPageReason(blocks: PageBlock[]): string | undefined {
  let headlines = 0;
  let paragraphs = 0;
  let teasers = 0;
  let underHeadline = false;
  for (const block of blocks) {
    if (block.heading) {
      underHeadline = isLinkBlock(block);
      if (underHeadline) headlines++;
    } else if (block.linked < 0.5 * block.text.length && wordCount(block.text) >= BODY_PARAGRAPH_WORDS) {
      paragraphs++;
      if (underHeadline) teasers++;
      underHeadline = false;
    }
  }
  if (
    headlines < INDEX_MIN_HEADLINES ||
    headlines <= INDEX_HEADLINES_PER_PARAGRAPH * paragraphs ||
    teasers < paragraphs / 2
  )
    return undefined;
  return (
    `the page looks like a front or index page, not an article: ${headlines} headlines that link to other ` +
    `pages, and ${teasers} of its ${paragraphs} paragraph${paragraphs === 1 ? '' : 's'} of text are teasers under them`
  );
}

/** Replacement characters (U+FFFD) and control characters (other than tab and line ends) in the text. */
function garbledCharacters(text: string): { replacement: number; control: number } {
  return {
    replacement: (text.match(/\uFFFD/g) ?? []).length,
    // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what this counts
    control: (text.match(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/g) ?? []).length,
  };
}

interface Extraction {
  meta: PageMeta;
  pageTitle: string;
  title?: string;
  byline?: string;
  blocks: PageBlock[];
}

/** Parses the page and runs Readability on it, first removing furniture when `clean`. */
function extract(html: string, clean: boolean): Extraction {
  const { document } = parseHTML(html) as unknown as { document: DomElement };
  const meta = readPageMeta(document);
  const pageTitle = collapse(document.querySelector('title')?.textContent ?? '');
  removeComments(document);
  if (clean) removeFurniture(document);
  const parsed = new Readability<DomElement>(document, { serializer: (node) => node as DomElement }).parse();
  const extraction: Extraction = { meta, pageTitle, blocks: parsed?.content ? blocksOf(parsed.content) : [] };
  if (parsed?.title) extraction.title = parsed.title;
  if (parsed?.byline) extraction.byline = parsed.byline;
  return extraction;
}

const characterCount = (blocks: readonly { text: string; heading?: boolean }[]) =>
  blocks.reduce((sum, block) => sum + (block.heading ? 0 : block.text.length), 0);

/**
 * Extracts the article of an HTML page fetched from `url`; throws ArticleError when the page has no
 * article-length main text, is a front or index page, or holds garbled characters (`encoding`, the encoding
 * it was read in, is named in that reason).
 */
export function extractArticle(html: string, url: string, encoding?: string): Article {
  let extraction = extract(html, true);
  // Whatever furniture removal took, plain Readability may still find the article: never refuse what it finds.
  const cleaned = characterCount(cleanBlocks(extraction.blocks));
  if (cleaned < MIN_ARTICLE_CHARACTERS) {
    const plain = extract(html, false);
    if (characterCount(cleanBlocks(plain.blocks)) > cleaned) extraction = plain;
  }
  const { meta, pageTitle } = extraction;
  const title = collapse(extraction.title || pageTitle || new URL(url).hostname).slice(0, TITLE_MAX);
  const indexReason = indexPageReason(extraction.blocks);
  if (indexReason) throw new ArticleError(indexReason);
  const blocks = cleanBlocks(extraction.blocks);
  // The headline repeated at the top of the text is the title, not a subheading.
  while (blocks[0]?.heading && blocks[0].text === title) blocks.shift();
  const paragraphs = blocks.filter((block) => !block.heading);
  const characters = characterCount(blocks);
  if (characters < MIN_ARTICLE_CHARACTERS)
    throw new ArticleError(
      `the page's main text is ${characters} characters in ${paragraphs.length} paragraph${paragraphs.length === 1 ? '' : 's'}; ` +
        `an article has at least ${MIN_ARTICLE_CHARACTERS} (is it a sign-in, index or video page?)`,
    );
  const garbled = garbledCharacters([title, ...blocks.map((block) => block.text)].join('\n'));
  if (garbled.replacement + garbled.control > 0)
    throw new ArticleError(
      `the page's text holds ${garbled.replacement} replacement character${garbled.replacement === 1 ? '' : 's'} (U+FFFD) ` +
        `and ${garbled.control} control character${garbled.control === 1 ? '' : 's'}: it could not be read in its true character encoding` +
        `${encoding ? ` (it was read as ${encoding})` : ''}, so it was not saved`,
    );
  const author = meta.author ?? personName(extraction.byline);
  return { title, source: url, blocks, ...meta, ...(author ? { author } : {}) };
}

/** The article's paragraphs (subheadings left out), as the loader will count them. */
export function paragraphsOf(article: Article): string[] {
  return article.blocks.filter((block) => !block.heading).map((block) => block.text);
}

/** The article as a Markdown document with front matter the loader reads (title, source, published, author). */
export function articleMarkdown(article: Article): string {
  const lines = [
    '---',
    `title: ${JSON.stringify(article.title)}`,
    `source: ${JSON.stringify(article.source)}`,
  ];
  if (article.published) lines.push(`published: ${article.published}`);
  if (article.author) lines.push(`author: ${JSON.stringify(article.author)}`);
  lines.push('---', '');
  for (const block of article.blocks) {
    // A paragraph that starts like a Markdown heading would be read as one: escape its "#".
    const text = !block.heading && /^#{1,6}(\s|$)/.test(block.text) ? `\\${block.text}` : block.text;
    lines.push(block.heading ? `## ${text}` : text, '');
  }
  return lines.join('\n');
}

function slug(text: string): string {
  const words = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  if (words.length <= FILE_NAME_MAX) return words;
  const cut = words.slice(0, FILE_NAME_MAX);
  return cut.includes('-') ? cut.slice(0, cut.lastIndexOf('-')) : cut;
}

/** A document id for the article: its title's words, else the link's last path segment, else its host. */
export function articleId(article: Pick<Article, 'title' | 'source'>): string {
  const url = new URL(article.source);
  const lastSegment = url.pathname.split('/').filter(Boolean).pop() ?? '';
  return (
    slug(article.title) || slug(lastSegment.replace(/\.[a-z]+$/i, '')) || slug(url.hostname) || 'article'
  );
}
