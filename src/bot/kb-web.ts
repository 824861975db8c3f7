/**
 * The web side of /kb: `add url:`, `refresh [document]`, and `feed add|remove|list`, each a thin layer over
 * the context's WebSources (which decides nothing about Discord), logging who did what.
 */
import type { AutocompleteInteraction, ChatInputCommandInteraction } from 'discord.js';
import type { BotContext } from './command.ts';
import { AUTOCOMPLETE_CHOICE_VALUE_MAX } from './limits.ts';
import { respond, respondChoices, respondPrivately } from './respond.ts';
import {
  feedLines,
  formatFeedAdd,
  formatFeedList,
  formatFeedRemove,
  formatRefresh,
  formatUrlAdd,
} from './web-report.ts';

/** Longest link accepted in a /kb option (browsers and servers rarely accept more). */
export const URL_OPTION_MAX = 2000;

const by = (interaction: ChatInputCommandInteraction) =>
  `${interaction.user.username} (${interaction.user.id})`;

/** /kb add url:<link> [replace] — the article at the link, saved as a Markdown document. */
export async function addUrl(
  interaction: ChatInputCommandInteraction,
  link: string,
  { knowledge, web, log }: BotContext,
): Promise<void> {
  const replace = interaction.options.getBoolean('replace') === true;
  const who = { user: interaction.user.id, by: by(interaction), url: link };
  const outcome = await web.addUrl(link, { by: who.by, replace });
  log.info('kb.add_url', { ...who, replace, outcome });
  await respond(interaction, { content: formatUrlAdd(outcome, knowledge.current.version), ephemeral: true });
}

/** /kb refresh [document] */
export async function refresh(
  interaction: ChatInputCommandInteraction,
  { web, log }: BotContext,
): Promise<void> {
  const document = interaction.options.getString('document') ?? undefined;
  const who = by(interaction);
  const report = await web.refresh(document === undefined ? { by: who } : { by: who, document });
  log.info('kb.refresh', { user: interaction.user.id, by: who, document, report });
  await respond(interaction, { content: formatRefresh(report), ephemeral: true });
}

async function feedAdd(interaction: ChatInputCommandInteraction, { web, config, log }: BotContext) {
  const link = interaction.options.getString('url', true);
  const outcome = await web.feeds.add(link, by(interaction));
  log.info('kb.feed.add', { user: interaction.user.id, url: link, outcome });
  await respond(interaction, { content: formatFeedAdd(outcome, config.feedPollMinutes), ephemeral: true });
}

async function feedRemove(interaction: ChatInputCommandInteraction, { web, log }: BotContext) {
  const which = interaction.options.getString('url', true);
  const outcome = await web.feeds.remove(which);
  log.info('kb.feed.remove', { user: interaction.user.id, feed: which, outcome });
  await respond(interaction, { content: formatFeedRemove(outcome), ephemeral: true });
}

async function feedList(interaction: ChatInputCommandInteraction, { web }: BotContext) {
  await respondPrivately(interaction, formatFeedList(web.feeds.list()));
}

const feedSubcommands = { add: feedAdd, remove: feedRemove, list: feedList } as const;

/** /kb feed <add|remove|list> */
export function feed(interaction: ChatInputCommandInteraction, context: BotContext): Promise<void> {
  const name = interaction.options.getSubcommand();
  if (!Object.hasOwn(feedSubcommands, name)) throw new Error(`unknown /kb feed subcommand "${name}"`);
  return feedSubcommands[name as keyof typeof feedSubcommands](interaction, context);
}

/** The feed lines /kb status ends with (none when no feed is followed). */
export function feedStatusLines({ web }: BotContext): string[] {
  const feeds = web.feeds.list();
  return feeds.length === 0 ? [] : ['Feeds:', ...feedLines(feeds)];
}

/** Autocomplete of /kb feed remove: the followed feeds, by link (or by title when the link is too long). */
export async function autocompleteFeed(interaction: AutocompleteInteraction, { web }: BotContext) {
  const typed = interaction.options.getFocused().toLowerCase();
  const feeds = web.feeds
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
