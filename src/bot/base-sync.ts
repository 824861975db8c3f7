/**
 * A base changed with /kb in one process of a shard group (`npm run start:sharded`) is reloaded by the other
 * processes of that ShardingManager too: the process that changed it broadcasts an event to every shard's
 * client, and each other process reloads its base (from the snapshot the change saved, when SNAPSHOT_DIR is
 * shared on the machine). Processes of other machines are not reached: see docs/sharding.md.
 */
import type { EventEmitter } from 'node:events';
import type { Client } from 'discord.js';
import type { KnowledgeService } from '../knowledge/knowledge-service.ts';
import type { Logger } from './log.ts';

/** The client event, written out again in the broadcast function (which runs in another process, alone). */
const BASE_CHANGED = 'storybot.baseChanged';

interface BaseChange {
  /** The server whose moderator changed the base. */
  guild: string | null;
  /** The process that changed it (and has already reloaded). */
  pid: number;
}

/** Tells every process of this machine's shard group that the base changed; nothing without a manager. */
export async function announceBaseChange(client: Client, guild: string | null): Promise<void> {
  if (!client.shard) return;
  const change: BaseChange = { guild, pid: process.pid };
  await client.shard.broadcastEval(
    (shardClient, context) => {
      (shardClient as unknown as EventEmitter).emit('storybot.baseChanged', context);
    },
    { context: change },
  );
}

/** Reloads this process's base when another process of the group changed it. */
export function followBaseChanges(client: Client, knowledge: KnowledgeService, log: Logger): void {
  (client as unknown as EventEmitter).on(BASE_CHANGED, (change: BaseChange) => {
    if (change.pid === process.pid) return;
    const by = `another shard's process (${change.pid})`;
    knowledge
      .reload(by)
      .then((outcome) => log.info('kb.reload', { guild: change.guild, scope: 'base', by, outcome }))
      .catch((error: unknown) => log.error('kb.reload', { guild: change.guild, scope: 'base', by, error }));
  });
}
