/**
 * /kb status | reload [scope] | add file:<attachment> [replace] [scope] | remove document:<autocomplete> [scope]
 * — moderators only. Registered for members with Manage Server, and checked again at run time (Manage Server
 * or one of MODERATOR_ROLE_IDS), because server admins can widen a command's permissions in their settings.
 * `scope` says which documents: the server's own, or the base shared by every server (admin servers only;
 * see src/bot/kb-scope.ts).
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
import type { BotContext, SlashCommand } from '../src/bot/command.ts';
import { formatAdd, formatGuildStatus, formatReload, formatRemove } from '../src/bot/kb-report.ts';
import {
  changeIn,
  isAdminGuild,
  type KbScope,
  SCOPE_CHOICES,
  SCOPE_OPTION,
  scopeOf,
  scopeRefusal,
  serviceOf,
} from '../src/bot/kb-scope.ts';
import { AUTOCOMPLETE_CHOICE_VALUE_MAX, AUTOCOMPLETE_CHOICES_MAX } from '../src/bot/limits.ts';
import { respond, respondChoices, respondPrivately } from '../src/bot/respond.ts';
import { escapeMarkdown } from '../src/bot/text.ts';
import { DOCUMENT_EXTENSIONS, type DocumentMeta } from '../src/knowledge/document.ts';

/** An attachment download that takes longer than this is abandoned (the interaction is deferred). */
const DOWNLOAD_TIMEOUT_MS = 15_000;

const by = (interaction: ChatInputCommandInteraction) =>
  `${interaction.user.username} (${interaction.user.id})`;

/** Who asked, where and on which documents: on every kb.* log line. */
const logFields = (interaction: ChatInputCommandInteraction, scope: KbScope) => ({
  guild: interaction.guildId,
  scope,
  user: interaction.user.id,
  by: by(interaction),
});

async function status(interaction: ChatInputCommandInteraction, context: BotContext): Promise<void> {
  const { knowledge, config, log } = context;
  log.info('kb.status', logFields(interaction, 'server'));
  const own = await serviceOf(interaction, context, 'server');
  const admin = isAdminGuild(interaction.guildId, config);
  await respondPrivately(interaction, formatGuildStatus(knowledge, own, { admin }));
}

async function reload(interaction: ChatInputCommandInteraction, context: BotContext): Promise<void> {
  const scope = scopeOf(interaction, context.config);
  const fields = logFields(interaction, scope);
  const content = await changeIn(interaction, context, scope, async (knowledge) => {
    const outcome = await knowledge.reload(fields.by);
    context.log.info('kb.reload', { ...fields, outcome });
    return formatReload(outcome, knowledge.current.version);
  });
  await respond(interaction, { content, ephemeral: true });
}

/** Why an attachment cannot be a document, judged before downloading it; undefined when it may be. */
function attachmentProblem(file: Attachment, maxBytes: number): string | undefined {
  const name = escapeMarkdown(file.name);
  const ext = file.name.includes('.') ? file.name.slice(file.name.lastIndexOf('.')).toLowerCase() : '';
  if (!DOCUMENT_EXTENSIONS.includes(ext))
    return `${name} is not a document: attach a ${DOCUMENT_EXTENSIONS.join(' or ')} file.`;
  if (file.size > maxBytes) return `${name} is ${file.size} bytes; the limit is ${maxBytes} bytes.`;
  return undefined;
}

async function download(file: Attachment, maxBytes: number): Promise<Uint8Array | string> {
  const name = escapeMarkdown(file.name);
  const response = await fetch(file.url, { signal: AbortSignal.timeout(DOWNLOAD_TIMEOUT_MS) });
  if (!response.ok) return `downloading ${name} failed: HTTP ${response.status}.`;
  const bytes = new Uint8Array(await response.arrayBuffer());
  // The size Discord announced is checked first; the bytes received are checked too.
  if (bytes.length > maxBytes) return `${name} is ${bytes.length} bytes; the limit is ${maxBytes} bytes.`;
  return bytes;
}

async function add(interaction: ChatInputCommandInteraction, context: BotContext): Promise<void> {
  const { config, log } = context;
  const file = interaction.options.getAttachment('file', true);
  const replace = interaction.options.getBoolean('replace') === true;
  const scope = scopeOf(interaction, config);
  const who = { ...logFields(interaction, scope), file: file.name, size: file.size };
  const problem = attachmentProblem(file, config.maxUploadBytes);
  const bytes = problem ?? (await download(file, config.maxUploadBytes));
  if (typeof bytes === 'string') {
    log.warn('kb.add.refused', { ...who, problem: bytes });
    await respondPrivately(interaction, `The document was not added: ${bytes}`);
    return;
  }
  const content = await changeIn(interaction, context, scope, async (knowledge) => {
    const outcome = await knowledge.add(file.name, bytes, { by: who.by, replace });
    log.info('kb.add', { ...who, replace, outcome });
    return formatAdd(outcome, knowledge.current.version);
  });
  await respond(interaction, { content, ephemeral: true });
}

async function remove(interaction: ChatInputCommandInteraction, context: BotContext): Promise<void> {
  const document = interaction.options.getString('document', true);
  const scope = scopeOf(interaction, context.config);
  const fields = logFields(interaction, scope);
  const { outcome, version } = await changeIn(interaction, context, scope, async (knowledge) => {
    const removed = await knowledge.remove(document, { by: fields.by });
    context.log.info('kb.remove', { ...fields, document, outcome: removed });
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

const subcommands = { status, reload, add, remove } as const;

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
        .setDescription('Add a .md or .txt document to the knowledge base')
        .addAttachmentOption((option) =>
          option.setName('file').setDescription('The .md or .txt file').setRequired(true),
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
    ),
  // Reload, add and remove rebuild the knowledge base, which can take longer than Discord's 3 s.
  defer: (interaction) =>
    interaction.options.getSubcommand() === 'status' ? undefined : { ephemeral: true },
  refusal: (interaction, { config }) =>
    scopeRefusal(
      interaction,
      config,
      interaction.options.getSubcommand() === 'status' ? 'server' : scopeOf(interaction, config),
    ),
  execute: (interaction, context) => {
    const name = interaction.options.getSubcommand();
    if (!Object.hasOwn(subcommands, name)) throw new Error(`unknown /kb subcommand "${name}"`);
    return subcommands[name as keyof typeof subcommands](interaction, context);
  },
  autocomplete: async (interaction, context) => {
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
