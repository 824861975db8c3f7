/**
 * Every engine command is complete: an answerer, a slash command module and a /help entry. The maps are
 * typed `Record<Command, ...>`, so a command added to COMMANDS without them does not compile (the type
 * checks below fail too); the runtime checks make sure each entry is the right one.
 */
import { describe, expect, expectTypeOf, it } from 'vitest';
import { HELP_ENTRIES, helpEmbed } from '../../../commands/help.ts';
import { ANSWER_COMMANDS, commands } from '../../../commands/index.ts';
import { COMMANDS, type Command } from '../../../src/engine/answer.ts';
import { ANSWERERS } from '../../../src/engine/answering/answer-query.ts';
import type { Answerer } from '../../../src/engine/answering/answerer.ts';
import { knowledgeOf } from '../../helpers.ts';

describe('every command', () => {
  it('is typed complete: answerer, slash command and help entry per Command', () => {
    expectTypeOf(ANSWERERS).toEqualTypeOf<Record<Command, Answerer>>();
    expectTypeOf<keyof typeof ANSWER_COMMANDS>().toEqualTypeOf<Command>();
    expectTypeOf<keyof typeof HELP_ENTRIES>().toEqualTypeOf<Command>();
  });

  it('has its own answerer, and no other', () => {
    expect(Object.keys(ANSWERERS).sort()).toEqual([...COMMANDS].sort());
    for (const command of COMMANDS) expect(typeof ANSWERERS[command].answer).toBe('function');
    // Each command answers with its own answerer: no command falls through to another's.
    expect(new Set(COMMANDS.map((command) => ANSWERERS[command])).size).toBe(COMMANDS.length);
  });

  it('has a slash command of its name, deployed in the commands list', () => {
    for (const command of COMMANDS) {
      const slash = ANSWER_COMMANDS[command];
      expect(slash.data.name).toBe(command);
      expect(commands).toContain(slash);
    }
    expect(new Set(commands.map((c) => c.data.name)).size).toBe(commands.length);
  });

  it('has a /help line', () => {
    const kb = knowledgeOf('a.txt', 'Ada Brenner opened the mill in 1901.');
    const description = helpEmbed(kb).description ?? '';
    for (const command of COMMANDS) {
      expect(HELP_ENTRIES[command].length).toBeGreaterThan(0);
      expect(description).toContain(`**/${command}** \`query\` — ${HELP_ENTRIES[command]}`);
    }
  });
});
