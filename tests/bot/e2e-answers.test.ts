/**
 * End to end: the real discord.js client logged in to the fake Discord, asked with slash commands the way
 * Discord sends them, answering from a copy of the bundled story.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SlashCommand } from '../../src/bot/command.ts';
import { AUTOCOMPLETE_CHOICES_MAX } from '../../src/bot/limits.ts';
import { option } from './fake-discord.ts';
import { contentOf, embedOf, messageBodies, type Running, startBot, TOKEN } from './harness.ts';

const failing: SlashCommand = {
  data: { name: 'fail', toJSON: () => ({ name: 'fail', description: 'always throws' }) },
  execute: () => Promise.reject(new Error('the engine broke')),
};

/** Defers publicly, then fails: the error must still reach only the asker. */
const failingAfterPublicDefer: SlashCommand = {
  data: { name: 'slowfail', toJSON: () => ({ name: 'slowfail', description: 'defers, then throws' }) },
  defer: () => ({ ephemeral: false }),
  execute: () => Promise.reject(new Error('the slow work broke')),
};

let run: Running;

beforeAll(async () => {
  run = await startBot({ extraCommands: [failing, failingAfterPublicDefer] });
});

afterAll(async () => {
  await run?.close();
});

async function ask(command: string, query: string, extra: ReturnType<typeof option.boolean>[] = []) {
  const id = run.fake.command(command, [option.string('query', query), ...extra]);
  return run.fake.response(id);
}

describe('answer commands', () => {
  it('/who replies with an embed: question, summary, cited excerpts with the answer in bold, version', async () => {
    const reply = await ask('who', 'Putin');
    const kb = run.knowledge.current;
    const expected = kb.answer('who', 'Putin');
    expect(reply.type).toBe(4);
    expect(reply.ephemeral).toBe(false);
    const embed = embedOf(reply);
    expect(embed.title).toBe('/who Putin');
    expect(embed.description).toContain('Vladimir Putin');
    expect(embed.description).toBe(expected.summary);
    expect(embed.fields?.length).toBe(Math.min(3, expected.results.length));
    const first = expected.results[0];
    expect(embed.fields?.[0]?.value).toContain(`**${first?.highlight}**`);
    expect(embed.fields?.[0]?.value).toContain(
      `— ${first?.citation.title} ¶ ${first?.citation.paragraph}, sentence ${first?.citation.sentence}`,
    );
    expect(embed.footer?.text).toBe(`Knowledge base ${kb.version} · ${kb.stats.passages} passages`);
  });

  it('/when names the date the time expression resolves to', async () => {
    const embed = embedOf(await ask('when', 'peace talks Istanbul'));
    expect(embed.title).toBe('/when peace talks Istanbul');
    expect(embed.fields?.some((field) => /\d{4}-\d{2}-\d{2}/.test(field.name))).toBe(true);
    expect(embed.fields?.every((field) => field.value.includes('**'))).toBe(true);
  });

  it('/quote names the speaker and quotes verbatim', async () => {
    const embed = embedOf(await ask('quote', 'Zelenskyy'));
    expect(embed.fields?.[0]?.name).toContain('Volodymyr Zelenskyy');
    expect(embed.fields?.[0]?.value).toContain('this document looks like spam');
  });

  it('/search cites the passages that match', async () => {
    const embed = embedOf(await ask('search', 'Kerch Bridge explosion'));
    expect(embed.fields?.[0]?.value).toContain('Kerch Bridge');
    expect(embed.fields?.[0]?.value).toMatch(/¶ \d+, sentence \d+$/);
  });

  it('answers privately with private:true', async () => {
    const reply = await ask('search', 'drone', [option.boolean('private', true)]);
    expect(reply.ephemeral).toBe(true);
    expect(embedOf(reply).fields?.length).toBeGreaterThan(0);
  });

  it('answers not-found privately, with the suggestions', async () => {
    const query = 'Hegsed resign';
    const expected = run.knowledge.current.answer('who', query);
    expect(expected.found).toBe(false);
    expect(expected.suggestions).toContain('Pete Hegseth');
    const reply = await ask('who', query);
    expect(reply.ephemeral).toBe(true);
    const embed = embedOf(reply);
    expect(embed.description).toContain(expected.summary);
    expect(embed.fields).toEqual([]);
    expect(embed.description).toContain('Did you mean');
    for (const suggestion of expected.suggestions) expect(embed.description).toContain(suggestion);
    const nothing = await ask('search', 'xylophone quasar');
    expect(nothing.ephemeral).toBe(true);
    expect(embedOf(nothing).fields).toEqual([]);
  });

  it('/help explains every command with an example from the knowledge base, and what it holds', async () => {
    const reply = await run.fake.response(run.fake.command('help'));
    const { description = '' } = embedOf(reply);
    for (const command of [
      '/who',
      '/when',
      '/quote',
      '/search',
      '/kb',
      '/timeline',
      'Search the knowledge base',
    ])
      expect(description).toContain(command);
    expect(description).toContain('`/who Vladimir Putin`');
    // Every example works: asked through the bot, each one is answered.
    const examples = [...description.matchAll(/`\/(who|when|quote|search) ([^`]+)`/g)];
    expect(examples.map((m) => m[1])).toEqual(['who', 'when', 'quote', 'search']);
    for (const [, command, query] of examples) {
      const answered = await ask(command as string, query as string);
      expect(answered.ephemeral).toBe(false);
      expect(embedOf(answered).fields?.length).toBeGreaterThan(0);
    }
    expect(description).toContain(`${run.knowledge.current.stats.passages} passages`);
    expect(description).toContain('Trump says Putin intends to respond');
  });
});

describe('autocomplete', () => {
  const complete = async (command: string, typed: string) => {
    const reply = await run.fake.response(
      run.fake.autocomplete(command, [option.string('query', typed, true)]),
    );
    expect(reply.type).toBe(8);
    return (reply.data.choices as { name: string; value: string }[]).map((choice) => choice.value);
  };

  it('/who offers people and organizations, the closest first', async () => {
    expect((await complete('who', 'Zelen'))[0]).toBe('Volodymyr Zelenskyy');
    expect((await complete('who', 'Hegset'))[0]).toBe('Pete Hegseth');
  });

  it('/who offers the holder of a role typed, labelled with it, the name as its value', async () => {
    const reply = await run.fake.response(
      run.fake.autocomplete('who', [option.string('query', 'defense sec', true)]),
    );
    expect((reply.data.choices as { name: string; value: string }[])[0]).toEqual({
      name: 'Pete Hegseth — U.S. Defense Secretary',
      value: 'Pete Hegseth',
    });
  });

  it('offers the most mentioned names for an empty input, at most 25', async () => {
    const names = await complete('who', '');
    expect(names.length).toBeGreaterThan(2);
    expect(names.length).toBeLessThanOrEqual(AUTOCOMPLETE_CHOICES_MAX);
    expect(names).toEqual(run.knowledge.current.completeNames('', AUTOCOMPLETE_CHOICES_MAX));
  });

  it('/quote offers only the people quoted', async () => {
    const speakers = await complete('quote', '');
    expect(speakers).toContain('Volodymyr Zelenskyy');
    expect(speakers).not.toContain('Pete Hegseth');
  });

  it('answers well within Discord\u2019s 3 seconds', async () => {
    const started = performance.now();
    await complete('who', 'Tru');
    expect(performance.now() - started).toBeLessThan(500);
  });
});

describe('errors and cooldown', () => {
  it('turns a handler error into a private message whose error id is in the log', async () => {
    const reply = await run.fake.response(run.fake.command('fail'));
    expect(reply.ephemeral).toBe(true);
    const errorId = /error id ([0-9a-f]+)/.exec(contentOf(reply))?.[1];
    expect(errorId).toBeDefined();
    const logged = run.log.entries.find(
      (entry) => entry.event === 'command.error' && entry.errorId === errorId,
    );
    expect(logged).toMatchObject({ command: 'fail', level: 'error' });
    // The bot keeps answering afterwards.
    expect(embedOf(await ask('who', 'Trump')).title).toBe('/who Trump');
  });

  it('replaces a public deferral by a private error message', async () => {
    const id = run.fake.command('slowfail');
    const reply = await run.fake.response(id);
    expect(run.fake.repliesTo(id).map((r) => r.via)).toEqual(['callback', 'delete', 'followup']);
    expect(run.fake.repliesTo(id)[0]?.data.flags ?? 0).toBe(0);
    expect(reply.ephemeral).toBe(true);
    expect(contentOf(reply)).toMatch(/^Something went wrong \(error id [0-9a-f]+\)/);
  });

  it('replies to an unknown command instead of leaving Discord waiting', async () => {
    const reply = await run.fake.response(run.fake.command('nonexistent'));
    expect(reply.ephemeral).toBe(true);
    expect(contentOf(reply)).toContain('/help');
  });
});

describe('every reply', () => {
  it('sets allowed_mentions to parse nothing', () => {
    const bodies = messageBodies(run.fake);
    expect(bodies.length).toBeGreaterThan(8);
    for (const body of bodies) expect(body.allowed_mentions).toEqual({ parse: [] });
  });

  it('never logs the token, even in discord.js debug lines', () => {
    expect(run.log.entries.some((entry) => entry.event === 'discord.debug')).toBe(true);
    expect(JSON.stringify(run.log.entries)).not.toContain(TOKEN);
  });

  it('is logged as one JSON line per event', () => {
    const done = run.log.entries.filter((entry) => entry.event === 'command.done');
    expect(done.length).toBeGreaterThan(5);
    for (const entry of done) expect(entry).toMatchObject({ level: 'info', user: expect.any(String) });
  });
});
