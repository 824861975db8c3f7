/**
 * Every reply the bot sends goes through these helpers, so that every one of them sets
 * `allowedMentions: { parse: [] }` (a document saying "@everyone" pings nobody) and fits Discord's limits.
 */
import {
  type APIEmbed,
  type ApplicationCommandOptionChoiceData,
  type AutocompleteInteraction,
  MessageFlags,
  type MessageMentionOptions,
  type RepliableInteraction,
} from 'discord.js';
import { cutAtWord } from '../engine/text/cut.ts';
import type { ButtonRow } from './components.ts';
import {
  AUTOCOMPLETE_CHOICE_NAME_MAX,
  AUTOCOMPLETE_CHOICE_VALUE_MAX,
  AUTOCOMPLETE_CHOICES_MAX,
  MESSAGE_CONTENT_MAX,
} from './limits.ts';

export const NO_MENTIONS: MessageMentionOptions = { parse: [] };

export interface ReplyBody {
  /** Plain text; cut at a word to Discord's 2000 characters. */
  content?: string;
  embeds?: APIEmbed[];
  /** Buttons under the message (see components.ts). */
  components?: ButtonRow[];
  /** Only the person who asked sees it. A public deferral is replaced by a private follow-up. */
  ephemeral?: boolean;
}

/** Replies, edits the deferred reply, or follows up, whichever the interaction's state allows. */
export async function respond(interaction: RepliableInteraction, body: ReplyBody): Promise<void> {
  const content = body.content === undefined ? undefined : cutAtWord(body.content, MESSAGE_CONTENT_MAX);
  const message = {
    content,
    embeds: body.embeds ?? [],
    components: body.components ?? [],
    allowedMentions: NO_MENTIONS,
  };
  const flags = body.ephemeral ? MessageFlags.Ephemeral : undefined;
  if (interaction.replied) await interaction.followUp({ ...message, flags });
  else if (interaction.deferred && body.ephemeral && !interaction.ephemeral) {
    // A public "thinking…" cannot become private: replace it with a private follow-up.
    await interaction.deleteReply();
    await interaction.followUp({ ...message, flags });
  } else if (interaction.deferred) await interaction.editReply(message);
  else await interaction.reply({ ...message, flags });
}

/** A short message only the asker sees: refusals, cooldowns, errors. */
export function respondPrivately(interaction: RepliableInteraction, content: string): Promise<void> {
  return respond(interaction, { content, ephemeral: true });
}

/** Defers the reply, for work that can take longer than Discord's 3 seconds. */
export async function deferReply(interaction: RepliableInteraction, ephemeral: boolean): Promise<void> {
  await interaction.deferReply(ephemeral ? { flags: MessageFlags.Ephemeral } : {});
}

/**
 * How long an answer may take before its reply is deferred: a third of Discord's 3 s for the first response,
 * leaving the rest for the deferral itself to get through (a rate limit, a slow network).
 */
export const DEFER_AFTER_MS = 1_000;

const LATE = Symbol('late');

/**
 * `work`'s result, deferring the reply first when it is not ready within `afterMs` (a server's documents
 * being read back into memory): the answer then arrives as the edit of the deferral, never dropped.
 */
export async function deferWhileSlow<T>(
  interaction: RepliableInteraction,
  work: Promise<T>,
  { ephemeral, afterMs = DEFER_AFTER_MS }: { ephemeral: boolean; afterMs?: number },
): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<typeof LATE>((resolve) => {
    timer = setTimeout(() => resolve(LATE), afterMs);
  });
  try {
    const first = await Promise.race([work, late]);
    if (first !== LATE) return first;
    if (!interaction.deferred && !interaction.replied) await deferReply(interaction, ephemeral);
    return await work;
  } finally {
    clearTimeout(timer);
  }
}

/** Answers an autocomplete request with at most 25 choices, names and values cut to Discord's limits. */
export async function respondChoices(
  interaction: AutocompleteInteraction,
  choices: readonly (string | { name: string; value: string })[],
): Promise<void> {
  const valid: ApplicationCommandOptionChoiceData<string>[] = [];
  const seen = new Set<string>();
  for (const choice of choices) {
    const { name, value } = typeof choice === 'string' ? { name: choice, value: choice } : choice;
    // A value longer than Discord allows cannot be sent back as typed; leave it out rather than cut it.
    if (value === '' || value.length > AUTOCOMPLETE_CHOICE_VALUE_MAX || seen.has(value)) continue;
    seen.add(value);
    valid.push({ name: cutAtWord(name, AUTOCOMPLETE_CHOICE_NAME_MAX), value });
    if (valid.length === AUTOCOMPLETE_CHOICES_MAX) break;
  }
  await interaction.respond(valid);
}
