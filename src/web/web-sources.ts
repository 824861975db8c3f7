/**
 * Documents that come from the web: add an article by its link, refresh the documents that have a `source`,
 * and follow news feeds (./feed-follower.ts). Discord-free — the bot's /kb and the `kb` CLI are two clients —
 * and folder-free: every document goes through a KnowledgeTarget (today the one KnowledgeService; any object
 * with the same `dir`, `current.documents` and `add` will do), so the caller decides where it goes.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { type DocumentMeta, parseDocument } from '../knowledge/document.ts';
import type { AddOutcome } from '../knowledge/knowledge-service.ts';
import {
  type Article,
  ArticleError,
  articleId,
  articleMarkdown,
  extractArticle,
  paragraphsOf,
} from './article.ts';
import { canonicalLinkOf, canonicalUrl, sameArticleUrl } from './canonical-url.ts';
import { FeedFollower } from './feed-follower.ts';
import { type FetchPolicy, fetchText, HTML_TYPES, WebFetchError } from './safe-fetch.ts';

/** Where web documents go: the part of KnowledgeService that WebSources uses. */
export interface KnowledgeTarget {
  readonly dir: string;
  readonly current: { readonly documents: readonly DocumentMeta[] };
  add(fileName: string, bytes: Uint8Array, options: { by: string; replace?: boolean }): Promise<AddOutcome>;
}

export interface WebSourcesOptions {
  target: KnowledgeTarget;
  policy: FetchPolicy;
  /** The feed state file (see feedStateFileFor). */
  feedStateFile: string;
  /** FEED_POLL_MINUTES: how often each feed is read when it works. */
  feedPollMinutes: number;
  now?: () => Date;
}

export interface ArticleSummary {
  title: string;
  source: string;
  published?: string;
  author?: string;
  paragraphs: number;
  firstParagraph: string;
}

export type UrlAddOutcome =
  | { status: 'added'; article: ArticleSummary; add: AddOutcome }
  | { status: 'refused'; link: string; reason: string };

export interface RefreshReport {
  changed: { id: string; title: string; paragraphs: number; add: AddOutcome }[];
  unchanged: { id: string; title: string }[];
  failed: { id: string; reason: string }[];
}

/** Why a fetch or an extraction failed, as a sentence part; anything unexpected is rethrown. */
function reasonOf(error: unknown): string {
  if (error instanceof WebFetchError || error instanceof ArticleError) return error.message;
  throw error;
}

function summaryOf(article: Article): ArticleSummary {
  const paragraphs = paragraphsOf(article);
  const summary: ArticleSummary = {
    title: article.title,
    source: article.source,
    paragraphs: paragraphs.length,
    firstParagraph: paragraphs[0] ?? '',
  };
  if (article.published) summary.published = article.published;
  if (article.author) summary.author = article.author;
  return summary;
}

export class WebSources {
  readonly target: KnowledgeTarget;
  readonly policy: FetchPolicy;
  readonly feeds: FeedFollower;

  private constructor(options: WebSourcesOptions) {
    this.target = options.target;
    this.policy = options.policy;
    this.feeds = new FeedFollower(this, options);
  }

  /** Reads the feed state (a missing file is no feeds); `warning` says when an unreadable one was moved aside. */
  static async open(options: WebSourcesOptions): Promise<{ sources: WebSources; warning?: string }> {
    const sources = new WebSources(options);
    const warning = await sources.feeds.load();
    return warning ? { sources, warning } : { sources };
  }

  /**
   * Fetches a page and extracts its article, whose `source` is the page's canonical link (its own
   * `<link rel="canonical">`, else the URL it came from, tracking parameters and fragment dropped); `url` is
   * the URL it came from. Throws WebFetchError or ArticleError saying why it cannot: a page whose body holds
   * no HTML at all (empty, binary, compressed) is an ArticleError like any page with no article, and so is a
   * document larger than KB_MAX_UPLOAD_BYTES.
   */
  async fetchArticle(link: string): Promise<{ article: Article; url: string }> {
    const page = await fetchText(link, HTML_TYPES, this.policy);
    if (!/<[a-z!]/i.test(page.text))
      throw new ArticleError('the page holds no HTML (its body is empty, binary or compressed)');
    let extracted: Article;
    try {
      extracted = extractArticle(page.text, page.url, `${page.encoding}, ${page.encodingHow}`);
    } catch (error) {
      if (error instanceof ArticleError) throw error;
      throw new ArticleError(`the page could not be read as an article: ${(error as Error).message}`);
    }
    const source = canonicalLinkOf(page.text, page.url) ?? canonicalUrl(page.url);
    const article = { ...extracted, source };
    const bytes = Buffer.byteLength(articleMarkdown(article));
    if (bytes > this.policy.maxBytes)
      throw new ArticleError(
        `the article's text is ${bytes} bytes; the limit is ${this.policy.maxBytes} bytes (KB_MAX_UPLOAD_BYTES)`,
      );
    return { article, url: page.url };
  }

  /** The document whose `source` is this link (tracking parameters, fragment, http/https aside), if any. */
  documentWithSource(...links: string[]): DocumentMeta | undefined {
    return this.target.current.documents.find(
      (doc) => doc.source !== undefined && links.some((link) => sameArticleUrl(doc.source as string, link)),
    );
  }

  /**
   * Adds the article at `link` as a Markdown document. The same article (same source) again replaces it
   * only with `replace`, as a file add does; another article whose title makes the same id gets a numbered
   * id, so one page never overwrites a different one.
   */
  async addUrl(link: string, options: { by: string; replace?: boolean }): Promise<UrlAddOutcome> {
    let article: Article;
    let url: string;
    try {
      ({ article, url } = await this.fetchArticle(link));
    } catch (error) {
      return { status: 'refused', link, reason: reasonOf(error) };
    }
    const same = this.documentWithSource(article.source, url, link);
    const id = same && path.extname(same.file) === '.md' ? same.id : this.freeId(articleId(article));
    const bytes = new TextEncoder().encode(articleMarkdown(article));
    const add = await this.target.add(`${id}.md`, bytes, options);
    return { status: 'added', article: summaryOf(article), add };
  }

  /** `base`, or `base-2`, `base-3`... : the first id no document has. */
  freeId(base: string): string {
    const taken = new Set(this.target.current.documents.map((doc) => doc.id.toLowerCase()));
    if (!taken.has(base)) return base;
    let n = 2;
    while (taken.has(`${base}-${n}`)) n++;
    return `${base}-${n}`;
  }

  /**
   * Fetches every document that has a `source` again (or the one named) and replaces those whose text
   * changed; the old version goes to the trash, as any replace does. A source that fails leaves its
   * document as it was.
   */
  async refresh(options: { by: string; document?: string }): Promise<RefreshReport> {
    const report: RefreshReport = { changed: [], unchanged: [], failed: [] };
    const documents = this.target.current.documents.filter(
      (doc) => options.document === undefined || doc.id === options.document,
    );
    if (options.document !== undefined && documents.length === 0)
      report.failed.push({ id: options.document, reason: 'no document with this id in the knowledge base' });
    for (const doc of documents) {
      if (!doc.source) {
        if (options.document !== undefined)
          report.failed.push({ id: doc.id, reason: 'it has no source link in its front matter' });
        continue;
      }
      await this.#refreshOne(doc, doc.source, options.by, report);
    }
    return report;
  }

  /**
   * Fetches one document's page again. A page now at another article (a redirect or a canonical link that
   * names neither the saved source nor the page's own URL: a dead article sent to a front page) is a
   * failure, as is any fetch that fails; the text or the title changed is a change.
   */
  async #refreshOne(doc: DocumentMeta, source: string, by: string, report: RefreshReport): Promise<void> {
    let article: Article;
    let url: string;
    try {
      ({ article, url } = await this.fetchArticle(source));
    } catch (error) {
      report.failed.push({ id: doc.id, reason: reasonOf(error) });
      return;
    }
    if (!sameArticleUrl(source, url) && !sameArticleUrl(source, article.source)) {
      report.failed.push({ id: doc.id, reason: `moved to ${article.source}` });
      return;
    }
    const paragraphs = paragraphsOf(article);
    const saved = parseDocument(doc.file, await readFile(path.join(this.target.dir, doc.file)));
    const same =
      saved.title === article.title &&
      saved.paragraphs.length === paragraphs.length &&
      saved.paragraphs.every((paragraph, i) => paragraph.text === paragraphs[i]);
    if (same) {
      report.unchanged.push({ id: doc.id, title: doc.title });
      return;
    }
    const bytes = new TextEncoder().encode(articleMarkdown(article));
    const add = await this.target.add(`${doc.id}.md`, bytes, { by, replace: true });
    if (add.status === 'refused') {
      report.failed.push({ id: doc.id, reason: add.problems.map((p) => p.problem).join('; ') });
      return;
    }
    report.changed.push({ id: doc.id, title: article.title, paragraphs: paragraphs.length, add });
  }
}
