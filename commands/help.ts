/**
 * /help — what each command does, with an example taken from the knowledge base itself (nothing about a
 * particular story is written here), and what the knowledge base holds.
 */
import { type APIEmbed, SlashCommandBuilder } from 'discord.js';
import type { SlashCommand } from '../src/bot/command.ts';
import { EMBED_DESCRIPTION_MAX } from '../src/bot/limits.ts';
import { deferWhileSlow, respond } from '../src/bot/respond.ts';
import { escapeMarkdown, joinLinesWithin } from '../src/bot/text.ts';
import { COMMANDS, type Command } from '../src/engine/answer.ts';
import type { AnswerSource } from '../src/knowledge/knowledge-view.ts';

/** What each command does, one line of /help: a command added to COMMANDS does not compile until it has one. */
export const HELP_ENTRIES: Record<Command, string> = {
  who: 'who a person or organization is.',
  when: 'when something happened, with the date.',
  quote: 'what someone said, and who said it.',
  search: 'the passages that best match your words.',
};

type Examples = Record<Command, string | undefined>;
const EXAMPLE_CANDIDATES = 10;
const EXAMPLE_SEARCH_BUDGET_MS = 500;
const examplesByKnowledgeBase = new WeakMap<AnswerSource, Examples>();

/**
 * For each command, the first candidate query the knowledge base really answers (a /when example must
 * resolve to a date): names for /who and /quote, words of document titles (longest first) for the others.
 */
function examplesFor(knowledgeBase: AnswerSource): Examples {
  const cached = examplesByKnowledgeBase.get(knowledgeBase);
  if (cached) return cached;
  const titleWords = [
    ...new Set(knowledgeBase.documents.flatMap((doc) => doc.title.match(/[\p{L}\p{N}]{4,}/gu) ?? [])),
  ].sort((a, b) => b.length - a.length);
  const names = knowledgeBase.completeNames('', EXAMPLE_CANDIDATES);
  const candidates: Record<Command, string[]> = {
    who: names,
    quote: knowledgeBase.completeSpeakers('', EXAMPLE_CANDIDATES),
    when: [...titleWords, ...names],
    search: titleWords,
  };
  // /help must answer within Discord's 3 s even on a large knowledge base: a few tries, within a time budget.
  const deadline = performance.now() + EXAMPLE_SEARCH_BUDGET_MS;
  const examples = Object.fromEntries(
    COMMANDS.map((command) => [
      command,
      candidates[command].slice(0, EXAMPLE_CANDIDATES).find((query) => {
        if (performance.now() > deadline) return false;
        const answer = knowledgeBase.answer(command, query);
        return answer.found && (command !== 'when' || answer.results.some((result) => result.date));
      }),
    ]),
  ) as Examples;
  examplesByKnowledgeBase.set(knowledgeBase, examples);
  return examples;
}

export function helpEmbed(knowledgeBase: AnswerSource): APIEmbed {
  const examples = examplesFor(knowledgeBase);
  const example = (command: Command) => {
    const query = examples[command];
    return query ? ` Example: \`/${command} ${query.replace(/`/g, "'")}\`` : '';
  };
  const { stats } = knowledgeBase;
  const lines = [
    'Every answer quotes the stories word for word and says where: document, paragraph (¶) and sentence.',
    '',
    ...COMMANDS.map((command) => `**/${command}** \`query\` — ${HELP_ENTRIES[command]}${example(command)}`),
    'Add `private: True` to any of them to see the answer alone.',
    'Under an answer: **More** shows the next results, **Share** posts a private answer in the channel, ' +
      '👍 / 👎 tell the moderators whether it helped.',
    '**/timeline** `about` — the dated events of the stories in date order (`about` optional).',
    '**Search the knowledge base** — on any message (Apps menu): searches for its text, privately.',
    '**/kb** — moderators: status, reload, add documents (files or web pages), remove, refresh, news feeds; ' +
      'gaps: what to add next.',
    '',
    `The knowledge base holds ${stats.documents} document${stats.documents === 1 ? '' : 's'}, ${stats.passages} passages, ` +
      `${stats.people} people, ${stats.quotes} quotes and ${stats.times} time expressions:`,
    ...knowledgeBase.documents.map(
      (doc) => `• ${escapeMarkdown(doc.title)}${doc.published ? ` (${doc.published})` : ''}`,
    ),
  ];
  return {
    title: 'storybot — questions about the news, answered with citations',
    description: joinLinesWithin(lines, EMBED_DESCRIPTION_MAX),
    footer: { text: `Knowledge base ${knowledgeBase.version}` },
  };
}

const help: SlashCommand = {
  data: new SlashCommandBuilder().setName('help').setDescription('What the commands do, with examples'),
  execute: async (interaction, { guilds }) => {
    const view = await deferWhileSlow(interaction, guilds.view(interaction.guildId), { ephemeral: true });
    await respond(interaction, { embeds: [helpEmbed(view)], ephemeral: true });
  },
};

export default help;
