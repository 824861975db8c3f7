/**
/**
 * /kb status | reload | add file:<attachment> or url:<link> [replace] | remove document:<autocomplete> |
 * refresh [document] | feed add|remove|list | gaps [clear] — moderators only.
 * Registered for members with Manage Server, and checked again at run time (Manage Server or one of
 * MODERATOR_ROLE_IDS), because server admins can widen a command's permissions in their settings.
 * `scope` says which documents (and web sources): the server's own, or the base shared by every server
 * (admin servers only; see src/bot/kb-scope.ts).
 */
import {
  type Attachment,
  type AutocompleteInteraction,
  type ChatInputCommandInteraction,
  InteractionContextType,
  PermissionFlagsBits,
  SlashCommandBuilder,
  type SlashCommandStringOption,
} from 'discord.js';
import { downloadAttachment } from '../src/bot/attachments.ts';
import type { BotContext, SlashCommand } from '../src/bot/command.ts';
import { formatGaps, formatGapsCleared } from '../src/bot/gaps-report.ts';
import { formatAdd, formatGuildStatus, formatReload, formatRemove } from '../src/bot/kb-report.ts';
import {
  changeIn,
  isAdminGuild,
  kbLogFields,
  memberOf,
  SCOPE_CHOICES,
  SCOPE_OPTION,
  scopeOf,
  scopeRefusal,
  serviceOf,
} from '../src/bot/kb-scope.ts';
import {
  addUrl,
  autocompleteFeed,
  feed,
  feedStatusLines,
  refresh,
  URL_OPTION_MAX,
} from '../src/bot/kb-web.ts';
import { AUTOCOMPLETE_CHOICE_VALUE_MAX, AUTOCOMPLETE_CHOICES_MAX } from '../src/bot/limits.ts';
import { deferWhileSlow, respond, respondChoices, respondPrivately } from '../src/bot/respond.ts';
import { escapeMarkdown } from '../src/bot/text.ts';
import { DOCUMENT_EXTENSIONS, type DocumentMeta } from '../src/knowledge/document.ts';
import { fileNameProblem, normalizeFileName, printableName } from '../src/knowledge/file-names.ts';
import type { ReloadOutcome } from '../src/knowledge/knowledge-service.ts';

/** An attachment download that takes longer than this is abandoned (the interaction is deferred). */
const DOWNLOAD_TIMEOUT_MS = 15_000;

/** Each file a reload left out, as its own warning (file and reason), so that a log search finds it. */
function logSkipped(log: BotContext['log'], guild: string | null, outcome: ReloadOutcome | undefined): void {
  if (outcome?.status !== 'reloaded') return;
  for (const { file, problem } of outcome.diff.skipped)
    log.warn('knowledge.document_skipped', { guild, file, problem });
}

async function status(interaction: ChatInputCommandInteraction, context: BotContext): Promise<void> {
  const { knowledge, config, log, web } = context;
  log.info('kb.status', kbLogFields(interaction, 'server'));
  const own = await deferWhileSlow(interaction, serviceOf(interaction, context, 'server'), {
    ephemeral: true,
  });
  const admin = isAdminGuild(interaction.guildId, config);
  const ownFeeds = feedStatusLines(await web.feedsOf(interaction.guildId as string));
  const baseFeeds = admin ? feedStatusLines(web.base.feeds) : [];
  await respondPrivately(interaction, formatGuildStatus(knowledge, own, { admin, ownFeeds, baseFeeds }));
}

async function reload(interaction: ChatInputCommandInteraction, context: BotContext): Promise<void> {
  const scope = scopeOf(interaction, context.config);
  const fields = kbLogFields(interaction, scope);
  const content = await changeIn(interaction, context, scope, async (knowledge) => {
    const outcome = await knowledge.reload(fields.by);
    context.log.info('kb.reload', { ...fields, outcome });
    logSkipped(context.log, fields.guild, outcome);
    return formatReload(outcome, knowledge.current.version);
  });
  await respond(interaction, { content, ephemeral: true });
}

/** Why an attachment cannot be a document, judged before downloading it; undefined when it may be. */
function attachmentProblem(file: Attachment, maxBytes: number): string | undefined {
  const name = escapeMarkdown(printableName(file.name));
  const nameProblem = fileNameProblem(normalizeFileName(file.name));
  if (nameProblem) return `${name}: ${nameProblem}.`;
  const ext = file.name.includes('.') ? file.name.slice(file.name.lastIndexOf('.')).toLowerCase() : '';
  if (!DOCUMENT_EXTENSIONS.includes(ext))
    return `${name} is not a document: attach a ${DOCUMENT_EXTENSIONS.join(' or ')} file.`;
  if (file.size > maxBytes) return `${name} is ${file.size} bytes; the limit is ${maxBytes} bytes.`;
  return undefined;
}

/** The attachment's bytes, or why they were not fetched: only from ATTACHMENT_HOSTS, at most maxBytes. */
async function download(file: Attachment, config: BotContext['config']): Promise<Uint8Array | string> {
  const download = await downloadAttachment(file.url, {
    allowedHosts: config.attachmentHosts,
    maxBytes: config.maxUploadBytes,
    timeoutMs: DOWNLOAD_TIMEOUT_MS,
  });
  return download.ok ? download.bytes : `${escapeMarkdown(printableName(file.name))}: ${download.problem}.`;
}

async function add(interaction: ChatInputCommandInteraction, context: BotContext): Promise<void> {
  const { config, log } = context;
  const file = interaction.options.getAttachment('file');
  const link = interaction.options.getString('url');
  if (link !== null && file === null) return addUrl(interaction, link, context);
  if (file === null || link !== null) {
    await respondPrivately(
      interaction,
      'The document was not added: give exactly one of file: (a .md or .txt attachment) or url: (a web page).',
    );
    return;
  }
  const replace = interaction.options.getBoolean('replace') === true;
  const scope = scopeOf(interaction, config);
  const who = { ...kbLogFields(interaction, scope), file: file.name, size: file.size };
  const problem = attachmentProblem(file, config.maxUploadBytes);
  const bytes = problem ?? (await download(file, config));
  if (typeof bytes === 'string') {
    log.warn('kb.add.refused', { ...who, problem: bytes });
    await respondPrivately(interaction, `The document was not added: ${bytes}`);
    return;
  }
  const content = await changeIn(interaction, context, scope, async (knowledge) => {
    const outcome = await knowledge.add(file.name, bytes, { by: who.by, replace });
    log.info('kb.add', { ...who, replace, outcome });
    logSkipped(log, who.guild, outcome.status === 'added' ? outcome.reload : undefined);
    return formatAdd(outcome, knowledge.current.version);
  });
  await respond(interaction, { content, ephemeral: true });
}

async function remove(interaction: ChatInputCommandInteraction, context: BotContext): Promise<void> {
  const document = interaction.options.getString('document', true);
  const scope = scopeOf(interaction, context.config);
  const fields = kbLogFields(interaction, scope);
  const { outcome, version } = await changeIn(interaction, context, scope, async (knowledge) => {
    const removed = await knowledge.remove(document, { by: fields.by });
    context.log.info('kb.remove', { ...fields, document, outcome: removed });
    logSkipped(context.log, fields.guild, removed.status === 'removed' ? removed.reload : undefined);
    return { outcome: removed, version: knowledge.current.version };
  });
  const inBase = context.knowledge.current.documents.some((doc) => doc.id === document);
  const hint =
    outcome.status === 'refused' && scope === 'server' && inBase
      ? `\n${escapeMarkdown(document)} is a base document, shared by every server: only moderators of the admin servers can remove it (scope: base).`
      : '';
  await respond(interaction, { content: formatRemove(outcome, version) + hint, ephemeral: true });
}

/** The documents the asker may remove: none for non-moderators, the base only in admin servers. */
async function removableDocuments(
  interaction: AutocompleteInteraction,
  context: BotContext,
): Promise<readonly DocumentMeta[]> {
  const scope = scopeOf(interaction, context.config);
  if (scopeRefusal(interaction, context.config, scope)) return [];
  return (await serviceOf(interaction, context, scope))?.current.documents ?? [];
}

/** The server's knowledge gaps (not-found questions, 👎 answers), or, with clear, forgets them. */
async function gaps(
  interaction: ChatInputCommandInteraction,
  { feedback, config, log }: BotContext,
): Promise<void> {
  const guild = interaction.guildId as string;
  if (interaction.options.getBoolean('clear') === true) {
    const count = await feedback.clear(guild);
    log.info('kb.gaps.clear', { guild, user: interaction.user.id, by: memberOf(interaction), count });
    await respondPrivately(interaction, formatGapsCleared(count));
    return;
  }
  await respondPrivately(interaction, formatGaps(await feedback.gaps(guild), config.feedbackRetentionDays));
}

const subcommands = { status, reload, add, remove, refresh, gaps } as const;

const scopeOption = (option: SlashCommandStringOption) =>
  option
    .setName(SCOPE_OPTION)
    .setDescription("Which documents: this server's own, or the base shared by every server")
    .addChoices(...SCOPE_CHOICES);

const kb: SlashCommand = {
  data: new SlashCommandBuilder()
    .setName('kb')
    .setDescription('Moderators: inspect and change the knowledge base')
    .setDefaultMemberPermissions(PermissionFlagsBits.ManageGuild)
    .setContexts(InteractionContextType.Guild)
    .addSubcommand((sub) =>
      sub.setName('status').setDescription('Documents, passages, people, quotes, and the last reload'),
    )
    .addSubcommand((sub) =>
      sub
        .setName('reload')
        .setDescription('Re-read the knowledge folder and show what changed')
        .addStringOption(scopeOption),
    )
    .addSubcommand((sub) =>
      sub
        .setName('add')
        .setDescription('Add a .md or .txt document, or the article of a web page, to the knowledge base')
        .addAttachmentOption((option) => option.setName('file').setDescription('The .md or .txt file'))
        .addStringOption((option) =>
          option
            .setName('url')
            .setDescription('Or: the link of a news article (its main text is saved)')
            .setMaxLength(URL_OPTION_MAX),
        )
        .addBooleanOption((option) =>
          option.setName('replace').setDescription('Replace the document with the same name if there is one'),
        )
        .addStringOption(scopeOption),
    )
    .addSubcommand((sub) =>
      sub
        .setName('remove')
        .setDescription('Move a document to the trash folder (nothing is deleted)')
        .addStringOption((option) =>
          option
            .setName('document')
            .setDescription('The document to remove')
            .setRequired(true)
            .setMaxLength(AUTOCOMPLETE_CHOICE_VALUE_MAX)
            .setAutocomplete(true),
        )
        .addStringOption(scopeOption),
    )
    .addSubcommand((sub) =>
      sub
        .setName('gaps')
        .setDescription('Questions not found or voted 👎, most frequent first: what to add next')
        .addBooleanOption((option) =>
          option.setName('clear').setDescription('Forget the recorded gaps and votes of this server'),
        ),
    )
    .addSubcommand((sub) =>
      sub
        .setName('refresh')
        .setDescription('Fetch documents added from the web again and replace those whose text changed')
        .addStringOption((option) =>
          option
            .setName('document')
            .setDescription('Only this document (default: every document with a source link)')
            .setMaxLength(AUTOCOMPLETE_CHOICE_VALUE_MAX)
            .setAutocomplete(true),
        )
        .addStringOption(scopeOption),
    )
    .addSubcommandGroup((group) =>
      group
        .setName('feed')
        .setDescription('News feeds whose new articles are added automatically')
        .addSubcommand((sub) =>
          sub
            .setName('add')
            .setDescription('Follow an RSS or Atom feed')
            .addStringOption((option) =>
              option
                .setName('url')
                .setDescription('The feed link')
                .setRequired(true)
                .setMaxLength(URL_OPTION_MAX),
            )
            .addStringOption(scopeOption),
        )
        .addSubcommand((sub) =>
          sub
            .setName('remove')
            .setDescription('Stop following a feed (its articles stay)')
            .addStringOption((option) =>
              option
                .setName('url')
                .setDescription('The feed to stop following')
                .setRequired(true)
                .setMaxLength(URL_OPTION_MAX)
                .setAutocomplete(true),
            )
            .addStringOption(scopeOption),
        )
        .addSubcommand((sub) =>
          sub
            .setName('list')
            .setDescription('The feeds followed and how they are doing')
            .addStringOption(scopeOption),
        ),
    ),
  // Reload, add, remove, refresh and feed changes fetch or rebuild, and gaps reads the feedback file: any can
  // take longer than Discord's 3 s.
  defer: (interaction) =>
    interaction.options.getSubcommand() === 'status' || interaction.options.getSubcommand() === 'list'
      ? undefined
      : { ephemeral: true },
  refusal: (interaction, { config }) =>
    scopeRefusal(
      interaction,
      config,
      interaction.options.getSubcommand() === 'status' ? 'server' : scopeOf(interaction, config),
    ),
  execute: (interaction, context) => {
    if (interaction.options.getSubcommandGroup(false) === 'feed') return feed(interaction, context);
    const name = interaction.options.getSubcommand();
    if (!Object.hasOwn(subcommands, name)) throw new Error(`unknown /kb subcommand "${name}"`);
    return subcommands[name as keyof typeof subcommands](interaction, context);
  },
  autocomplete: async (interaction, context) => {
    // The document and feed lists are for moderators only (and a scope they may change), as the command is.
    if (interaction.options.getSubcommandGroup(false) === 'feed') {
      if (scopeRefusal(interaction, context.config, scopeOf(interaction, context.config))) {
        await respondChoices(interaction, []);
        return;
      }
      return autocompleteFeed(interaction, context);
    }
    const typed = interaction.options.getFocused().toLowerCase();
    const documents = (await removableDocuments(interaction, context)).filter(
      (doc) => doc.id.toLowerCase().includes(typed) || doc.title.toLowerCase().includes(typed),
    );
    await respondChoices(
      interaction,
      documents
        .slice(0, AUTOCOMPLETE_CHOICES_MAX * 2)
        .map((doc) => ({ name: `${doc.id} — ${doc.title}`, value: doc.id })),
    );
  },
};

export default kb;
