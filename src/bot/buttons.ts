/**
 * What pressing a button does. Everything comes from the button's custom id (see custom-id.ts) and the
 * current knowledge base, so that a button works after a restart; a knowledge base that changed since the
 * answer gives fresh results from the first page, saying so.
 *
 * - More: the next page. The person who asked gets their message edited; anyone else gets a private copy.
 * - Share: posts the private answer in the channel as it is, naming who shared it (no ping), once.
 * - 👍 / 👎: recorded per server (a second press changes the vote), acknowledged privately. Votes in direct
 *   messages are acknowledged but not recorded: they have no server, and /kb gaps is per server.
 */
import { type ButtonInteraction, type InteractionUpdateOptions, MessageFlags, userMention } from 'discord.js';
import type { AnswerSource } from '../knowledge/knowledge-view.ts';
import { answerPage, type MessagePage, timelinePage } from './answer-message.ts';
import type { BotContext } from './command.ts';
import { type ButtonRow, VOTE_LABELS, withoutAction } from './components.ts';
import { type ButtonState, decodeCustomId, type Pageable } from './custom-id.ts';
import { NO_MENTIONS, respondPrivately } from './respond.ts';

export const EXPIRED_BUTTON =
  'This button has expired: I no longer remember the question. Please ask it again.';
export const UNKNOWN_BUTTON =
  'This button is not one I know (it may be from an older version). Please ask again.';
export const KNOWLEDGE_CHANGED =
  'The knowledge base has changed since this answer: here are fresh results, from the start.';
export const ALREADY_SHARED = 'This answer has already been shared in the channel.';
export const ALREADY_PUBLIC = 'This answer is already public.';

const commandLabel = (kind: Pageable) => (kind === 'timeline' ? '/timeline' : `/${kind}`);

/** The page a button leads to, worked out now; `isPrivate` for a private message or a private copy. */
function pageFor(
  knowledgeBase: AnswerSource,
  state: ButtonState & { query: string },
  offset: number,
  isPrivate: boolean,
  shared: boolean,
  context: BotContext,
): MessagePage {
  if (state.kind === 'timeline') return timelinePage(knowledgeBase, state.query, offset, context.buttons);
  return answerPage(
    knowledgeBase,
    state.kind,
    state.query,
    { offset, isPrivate, shared, log: context.log },
    context.buttons,
  );
}

async function more(
  interaction: ButtonInteraction,
  state: ButtonState & { query: string },
  context: BotContext,
): Promise<void> {
  // The pressing server's view (the base alone in DMs): a button never shows another server's documents.
  const knowledgeBase = await context.guilds.view(interaction.guildId);
  const changed = state.version !== knowledgeBase.version;
  const offset = changed ? 0 : state.offset;
  const { message } = interaction;
  const isAsker = message.interactionMetadata?.user.id === interaction.user.id;
  const isPrivate = message.flags.has(MessageFlags.Ephemeral);
  if (isAsker) {
    // The message keeps its own line ("Shared by …"); the note about a changed knowledge base is redone.
    const kept = message.content.split('\n').filter((line) => line !== '' && line !== KNOWLEDGE_CHANGED);
    const content = [...kept, ...(changed ? [KNOWLEDGE_CHANGED] : [])].join('\n');
    const { embeds, components } = pageFor(
      knowledgeBase,
      state,
      offset,
      isPrivate,
      context.buttons.wasShared(message.id),
      context,
    );
    const update: InteractionUpdateOptions = { embeds, components, content, allowedMentions: NO_MENTIONS };
    await interaction.update(update);
    return;
  }
  const { embeds, components } = pageFor(knowledgeBase, state, offset, true, false, context);
  await interaction.reply({
    embeds,
    components,
    content: changed ? KNOWLEDGE_CHANGED : '',
    allowedMentions: NO_MENTIONS,
    flags: MessageFlags.Ephemeral,
  });
}

/** Posts the message's embeds as they are, with its buttons but Share; then takes Share off the private one. */
async function share(interaction: ButtonInteraction, context: BotContext): Promise<void> {
  const { message } = interaction;
  if (!message.flags.has(MessageFlags.Ephemeral)) {
    await respondPrivately(interaction, ALREADY_PUBLIC);
    return;
  }
  if (!context.buttons.markShared(message.id)) {
    await respondPrivately(interaction, ALREADY_SHARED);
    return;
  }
  const rows = withoutAction(
    message.components.map((row) => row.toJSON() as ButtonRow),
    'share',
    context.buttons,
  );
  const embeds = message.embeds.map((embed) => embed.toJSON());
  try {
    await interaction.update({ components: rows, allowedMentions: NO_MENTIONS });
    await interaction.followUp({
      content: `Shared by ${userMention(interaction.user.id)}`,
      embeds,
      components: rows,
      allowedMentions: NO_MENTIONS,
    });
  } catch (error) {
    // Nothing was posted: the next press may try again.
    context.buttons.forgetShared(message.id);
    throw error;
  }
  context.log.info('answer.shared', { user: interaction.user.id, guild: interaction.guildId });
}

/** The question a message answers, when its button no longer knows it: the embed's title, unescaped. */
function questionOf(interaction: ButtonInteraction, state: ButtonState): string {
  if (state.query !== undefined) return state.query;
  const title = interaction.message.embeds[0]?.title ?? '';
  return title.replace(/\\(.)/g, '$1').replace(`${commandLabel(state.kind)} `, '');
}

async function vote(interaction: ButtonInteraction, state: ButtonState, context: BotContext): Promise<void> {
  const choice = state.action === 'up' ? 'up' : 'down';
  const emoji = VOTE_LABELS[choice];
  if (!interaction.guildId) {
    await respondPrivately(
      interaction,
      `Thank you for the ${emoji}. (Votes in direct messages are not recorded.)`,
    );
    return;
  }
  const summary = (interaction.message.embeds[0]?.description ?? '').split('\n\n')[0] ?? '';
  const { previous } = await context.feedback.recordVote(interaction.guildId, {
    answer: interaction.message.id,
    userId: interaction.user.id,
    vote: choice,
    command: state.kind,
    question: questionOf(interaction, state),
    summary: summary.replace(/\\(.)/g, '$1'),
    kbVersion: state.version,
  });
  const reply =
    previous === choice
      ? `You already voted ${emoji} on this answer.`
      : previous
        ? `Your vote is now ${emoji}. Thank you!`
        : `Thank you for the ${emoji}: it helps the moderators improve the knowledge base.`;
  await respondPrivately(interaction, reply);
}

/** Handles a press of one of the bot's buttons. */
export async function handleButton(interaction: ButtonInteraction, context: BotContext): Promise<void> {
  const state = decodeCustomId(interaction.customId, context.buttons.queries);
  if (!state) {
    await respondPrivately(interaction, UNKNOWN_BUTTON);
    return;
  }
  if (state.action === 'up' || state.action === 'down') return vote(interaction, state, context);
  if (state.action === 'share') return share(interaction, context);
  if (state.query === undefined) {
    await respondPrivately(interaction, `${EXPIRED_BUTTON} (${commandLabel(state.kind)})`);
    return;
  }
  return more(interaction, { ...state, query: state.query }, context);
}
