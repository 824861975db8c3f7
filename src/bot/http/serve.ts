/** `npm run start:http`: the bot's client answering through the HTTP interactions endpoint, on PORT. */
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import type { KnowledgeService } from '../../knowledge/knowledge-service.ts';
import type { Bot } from '../bot.ts';
import type { Config } from '../config.ts';
import type { Logger } from '../log.ts';
import { InteractionResponder } from './responder.ts';
import { createInteractionsServer } from './server.ts';
import { publicKeyFromHex } from './signature.ts';

export interface HttpEndpoint {
  /** The port listened on (PORT, or the one the system gave for PORT=0). */
  port: number;
  /** Stops taking requests; those being answered finish first. */
  close(): Promise<void>;
}

export async function serveHttp(
  bot: Bot,
  knowledge: KnowledgeService,
  config: Config & { publicKey: string },
  log: Logger,
): Promise<HttpEndpoint> {
  const server = createInteractionsServer({
    publicKey: publicKeyFromHex(config.publicKey),
    responder: new InteractionResponder(bot.client, log),
    log,
    health: () => ({ knowledgeBase: knowledge.current.version }),
  });
  server.listen(config.port);
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  log.info('http.ready', { port, knowledgeBase: knowledge.current.version, feedPoller: config.feedPoller });
  return {
    port,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeIdleConnections();
      }),
  };
}
