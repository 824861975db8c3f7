/**
 * Gateway shard groups on several machines sharing KNOWLEDGE_DIR (docs/sharding.md): a base change made with
 * /kb through one machine's bot is served by another machine's bot within seconds, without a restart (the
 * change stamps; the ShardingManager's broadcast reaches only its own machine's processes).
 */
import { rm } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MODERATOR_ROLE_ID, option, PERMISSIONS } from './fake-discord.ts';
import { copyKnowledge, type Running, startBot } from './harness.ts';

let machines: Running[];
let dir: string;

beforeAll(async () => {
  dir = await copyKnowledge();
  // Each its own Discord connection (its own fake): nothing but the shared folder links them.
  machines = [await startBot({ dir, keepFiles: true }), await startBot({ dir, keepFiles: true })];
});

afterAll(async () => {
  for (const machine of machines ?? []) await machine.close();
  await rm(dir, { recursive: true, force: true });
});

describe('two gateway bots on one shared base', () => {
  it('a document added through one is answered by the other within 5 s', async () => {
    const [one, other] = machines as [Running, Running];
    const doc =
      '---\ntitle: Ferry\n---\n\nIsmene Cardow, the ferry captain of Lowmarsh, said crossings resume.\n';
    const file = one.fake.attachment('ferry.md', Buffer.from(doc));
    const moderator = { roles: [MODERATOR_ROLE_ID], permissions: PERMISSIONS.manageGuild };
    const added = one.fake.command(
      'kb',
      [option.subcommand('add', [option.attachment('file', file.id)])],
      moderator,
      [file],
    );
    expect(String((await one.fake.response(added, 15_000)).data.content)).toContain('ferry');
    const started = performance.now();
    for (;;) {
      const reply = await other.fake.response(
        other.fake.command('who', [option.string('query', 'Ismene Cardow')]),
      );
      if (JSON.stringify(reply.data).includes('ferry captain')) break;
      expect(performance.now() - started).toBeLessThan(5000);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(other.knowledge.current.version).toBe(one.knowledge.current.version);
  });
});
