/**
 * The moderator replies about web sources, as plain text within Discord's 2000 characters: an article added
 * by link (title, paragraph count, first paragraph), a refresh (changed / unchanged / failed, each with its
 * reason), and feeds (followed, removed, listed, and their health for /kb status). Links are shown in <>
 * so that Discord does not unfurl them, and every text from a page or a feed is escaped.
 */
import type { FeedAddOutcome, FeedRemoveOutcome } from '../web/feed-follower.ts';
import type { FeedState } from '../web/feed-store.ts';
import type { RefreshReport, UrlAddOutcome } from '../web/web-sources.ts';
import { formatAdd } from './kb-report.ts';
import { MESSAGE_CONTENT_MAX } from './limits.ts';
import { escapeMarkdown, joinLinesWithin } from './text.ts';

/** The first paragraph is shown up to this many characters: enough to recognise the article. */
const FIRST_PARAGRAPH_SHOWN = 400;

/**
 * Escapes text shown in the middle of a line: line-start markers ("1." of an address, "#", ">") only count
 * at the start of a line, so they are escaped only where a line break in the text starts a new line.
 */
const inline = (text: string) => escapeMarkdown(`x${text}`).slice(1);
const link = (url: string) => `<${url.replace(/>/g, '%3E')}>`;
const utc = (iso: string) => `${iso.slice(0, 16).replace('T', ' ')} UTC`;
const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;

function cut(text: string, max: number): string {
  if (text.length <= max) return text;
  const shortened = text.slice(0, max);
  return `${shortened.slice(0, Math.max(shortened.lastIndexOf(' '), max / 2))}…`;
}

export function formatUrlAdd(outcome: UrlAddOutcome, servingVersion: string): string {
  if (outcome.status === 'refused')
    return joinLinesWithin(
      [`The page was not added: ${inline(outcome.reason)}.`, `Link: ${link(outcome.link)}`],
      MESSAGE_CONTENT_MAX,
    );
  const { article } = outcome;
  const about = [plural(article.paragraphs, 'paragraph')];
  if (article.published) about.push(`published ${article.published}`);
  if (article.author) about.push(`by ${inline(article.author)}`);
  const lines = [
    `“${inline(article.title)}” from ${link(article.source)}: ${about.join(', ')}.`,
    `> ${inline(cut(article.firstParagraph, FIRST_PARAGRAPH_SHOWN))}`,
    formatAdd(outcome.add, servingVersion),
  ];
  return joinLinesWithin(lines, MESSAGE_CONTENT_MAX);
}

export function formatRefresh(report: RefreshReport): string {
  const total = report.changed.length + report.unchanged.length + report.failed.length;
  if (total === 0) return 'No document has a source link to refresh from (add pages with /kb add url).';
  const lines = [
    `Refreshed ${plural(total, 'document')}: ${report.changed.length} changed, ` +
      `${report.unchanged.length} unchanged, ${report.failed.length} failed.`,
  ];
  for (const doc of report.changed)
    lines.push(
      `~ changed ${inline(doc.id)} — “${inline(doc.title)}”, ${plural(doc.paragraphs, 'paragraph')}` +
        (doc.add.status === 'added' && doc.add.replaced.length > 0
          ? ` (old version: ${inline(doc.add.replaced.join(', '))})`
          : ''),
    );
  for (const doc of report.unchanged) lines.push(`= unchanged ${inline(doc.id)}`);
  for (const doc of report.failed)
    lines.push(`✗ failed ${inline(doc.id)}: ${inline(doc.reason)} (kept as it was)`);
  return joinLinesWithin(lines, MESSAGE_CONTENT_MAX);
}

export function formatFeedAdd(outcome: FeedAddOutcome, pollMinutes: number): string {
  if (outcome.status === 'refused') return `The feed was not added: ${inline(outcome.reason)}.`;
  const { feed } = outcome;
  return (
    `Following “${inline(feed.title)}” (${link(feed.url)}), ${plural(outcome.items, 'item')} listed now. ` +
    `New articles are added as they appear; the feed is read every ${plural(pollMinutes, 'minute')}.`
  );
}

export function formatFeedRemove(outcome: FeedRemoveOutcome): string {
  if (outcome.status === 'refused') return `No feed was removed: ${inline(outcome.reason)}.`;
  return (
    `Stopped following “${inline(outcome.feed.title)}” (${link(outcome.feed.url)}). ` +
    `The ${plural(outcome.feed.articlesAdded, 'article')} it added stay in the knowledge base.`
  );
}

/** One line per feed: how it is doing, for /kb feed list and /kb status. */
export function feedLines(feeds: readonly FeedState[]): string[] {
  return feeds.map((feed) => {
    const name = `• “${inline(feed.title)}” ${link(feed.url)} — ${plural(feed.articlesAdded, 'article')} added`;
    if (feed.failures > 0)
      return (
        `${name}; failing (${plural(feed.failures, 'poll')} in a row: ${inline(feed.lastError ?? 'unknown error')}), ` +
        `backing off, next try ${utc(feed.nextPollAt)}`
      );
    const last = feed.lastSuccessAt ? `last read ${utc(feed.lastSuccessAt)}` : 'not read yet';
    return `${name}; ${last}, next ${utc(feed.nextPollAt)}`;
  });
}

/** Feeds whose state file cannot be read: why, and that nothing is lost. */
export const feedsUnusable = (problem: string) =>
  `Feeds: cannot be used now (${inline(problem)}); they come back once the file can be read.`;

/** That the feed state was not valid and was moved aside: the feeds were lost. */
export const feedsLost = (notice: string) => `Note: ${inline(notice)}.`;

/**
 * /kb feed list: the feeds, or why they cannot be used (`problem`, when their state cannot be read), after
 * a note that they were lost (`notice`, when their state was not valid and was moved aside).
 */
export function formatFeedList(feeds: readonly FeedState[], problem?: string, notice?: string): string {
  if (problem) return feedsUnusable(problem);
  const lines = notice ? [feedsLost(notice)] : [];
  if (feeds.length === 0)
    lines.push('No feeds are followed. Add one with /kb feed add url:<RSS or Atom link>.');
  else lines.push(`Following ${plural(feeds.length, 'feed')}:`, ...feedLines(feeds));
  return joinLinesWithin(lines, MESSAGE_CONTENT_MAX);
}
