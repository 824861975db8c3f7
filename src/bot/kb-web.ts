/**
 * The web side of /kb: `add url:`, `refresh [document]`, and `feed add|remove|list`, each a thin layer over
 * the WebSources of the scope asked for (the server's own documents, or the base from an admin server; see
 * kb-scope.ts), which decide nothing about Discord, logging who did what and where.
 */
import type { AutocompleteInteraction, ChatInputCommandInteraction } from 'discord.js';
import type { FeedAddOutcome, FeedFollower } from '../web/feed-follower.ts';
import type { WebSources } from '../web/web-sources.ts';
import type { BotContext } from './command.ts';
import { changeIn, type KbScope, kbLogFields, scopeOf, serviceOf } from './kb-scope.ts';
import { AUTOCOMPLETE_CHOICE_VALUE_MAX } from './limits.ts';
import { respond, respondChoices, respondPrivately } from './respond.ts';
import {
  feedLines,
  feedsLost,
  feedsUnusable,
  formatFeedAdd,
  formatFeedList,
  formatFeedRemove,
  formatRefresh,
  formatUrlAdd,
} from './web-report.ts';

/** Longest link accepted in a /kb option (browsers and servers rarely accept more). */
export const URL_OPTION_MAX = 2000;

type KbInteraction = ChatInputCommandInteraction | AutocompleteInteraction;

/**
 * Runs `work` with the web sources of the asker's scope, and the version its documents are at after it. A
 * server's are made on first use; a base change is announced to the other processes of a shard group.
 */
async function webIn<T>(
  interaction: ChatInputCommandInteraction,
  context: BotContext,
  scope: KbScope,
  work: (web: WebSources) => Promise<T>,
): Promise<{ result: T; version: string }> {
  const run = async (web: WebSources) => {
    const result = await work(web);
    return { result, version: (await serviceOf(interaction, context, scope))?.current.version ?? '' };
  };
  if (scope === 'base') return changeIn(interaction, context, 'base', () => run(context.web.base));
  return context.web.change(interaction.guildId as string, run);
}

/** The feeds of the asker's scope: the base's, or the server's (its documents are not opened for this). */
function feedsIn(interaction: KbInteraction, context: BotContext): Promise<FeedFollower> {
  if (scopeOf(interaction, context.config) === 'base') return Promise.resolve(context.web.base.feeds);
  return context.web.feedsOf(interaction.guildId as string);
}

/** /kb add url:<link> [replace] [scope] — the article at the link, saved as a Markdown document. */
export async function addUrl(
  interaction: ChatInputCommandInteraction,
  link: string,
  context: BotContext,
): Promise<void> {
  const replace = interaction.options.getBoolean('replace') === true;
  const scope = scopeOf(interaction, context.config);
  const who = { ...kbLogFields(interaction, scope), url: link };
  const { result: outcome, version } = await webIn(interaction, context, scope, (web) =>
    web.addUrl(link, { by: who.by, replace }),
  );
  context.log.info('kb.add_url', { ...who, replace, outcome });
  await respond(interaction, { content: formatUrlAdd(outcome, version), ephemeral: true });
}

/** /kb refresh [document] [scope] */
export async function refresh(interaction: ChatInputCommandInteraction, context: BotContext): Promise<void> {
  const document = interaction.options.getString('document') ?? undefined;
  const scope = scopeOf(interaction, context.config);
  const fields = kbLogFields(interaction, scope);
  const { result: report } = await webIn(interaction, context, scope, (web) =>
    web.refresh(document === undefined ? { by: fields.by } : { by: fields.by, document }),
  );
  context.log.info('kb.refresh', { ...fields, document, report });
  await respond(interaction, { content: formatRefresh(report), ephemeral: true });
}

/** Why a server may follow no more feeds (GUILD_MAX_FEEDS), if so; the base has no such limit. */
function feedLimitProblem(feeds: FeedFollower, scope: KbScope, maxFeeds: number): FeedAddOutcome | undefined {
  if (scope === 'base' || feeds.list().length < maxFeeds) return undefined;
  return {
    status: 'refused',
    reason: `this server is at its limit of feeds followed (GUILD_MAX_FEEDS = ${maxFeeds}); stop following one before adding another`,
  };
}

async function feedAdd(interaction: ChatInputCommandInteraction, context: BotContext) {
  const link = interaction.options.getString('url', true);
  const scope = scopeOf(interaction, context.config);
  const fields = kbLogFields(interaction, scope);
  const feeds = await feedsIn(interaction, context);
  const outcome =
    feedLimitProblem(feeds, scope, context.config.guildLimits.maxFeeds) ?? (await feeds.add(link, fields.by));
  context.log.info('kb.feed.add', { ...fields, url: link, outcome });
  await respond(interaction, {
    content: formatFeedAdd(outcome, context.config.feedPollMinutes),
    ephemeral: true,
  });
}

async function feedRemove(interaction: ChatInputCommandInteraction, context: BotContext) {
  const which = interaction.options.getString('url', true);
  const outcome = await (await feedsIn(interaction, context)).remove(which);
  const fields = kbLogFields(interaction, scopeOf(interaction, context.config));
  context.log.info('kb.feed.remove', { ...fields, feed: which, outcome });
  await respond(interaction, { content: formatFeedRemove(outcome), ephemeral: true });
}

async function feedList(interaction: ChatInputCommandInteraction, context: BotContext) {
  const feeds = await feedsIn(interaction, context);
  await respondPrivately(interaction, formatFeedList(feeds.list(), feeds.problem, feeds.notice));
}

const feedSubcommands = { add: feedAdd, remove: feedRemove, list: feedList } as const;

/** /kb feed <add|remove|list> [scope] */
export function feed(interaction: ChatInputCommandInteraction, context: BotContext): Promise<void> {
  const name = interaction.options.getSubcommand();
  if (!Object.hasOwn(feedSubcommands, name)) throw new Error(`unknown /kb feed subcommand "${name}"`);
  return feedSubcommands[name as keyof typeof feedSubcommands](interaction, context);
}

/** The feed lines of a /kb status (none when no feed is followed and nothing is wrong with them). */
export function feedStatusLines(feeds: FeedFollower): string[] {
  if (feeds.problem) return [feedsUnusable(feeds.problem)];
  const list = feeds.list();
  return [
    ...(feeds.notice ? [`Feeds: ${feedsLost(feeds.notice)}`] : []),
    ...(list.length === 0 ? [] : ['Feeds:', ...feedLines(list)]),
  ];
}

/** Autocomplete of /kb feed remove: the scope's feeds, by link (or by title when the link is too long). */
export async function autocompleteFeed(interaction: AutocompleteInteraction, context: BotContext) {
  const typed = interaction.options.getFocused().toLowerCase();
  const feeds = (await feedsIn(interaction, context))
    .list()
    .filter((f) => f.url.toLowerCase().includes(typed) || f.title.toLowerCase().includes(typed));
  await respondChoices(
    interaction,
    feeds.map((f) => ({
      name: `${f.title} — ${f.url}`,
      value: f.url.length <= AUTOCOMPLETE_CHOICE_VALUE_MAX ? f.url : f.title,
    })),
  );
}
