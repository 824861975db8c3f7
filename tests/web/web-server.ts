/**
 * A small web server on 127.0.0.1 for tests: routes set by the test (a body with a content type, a redirect,
 * a body that never ends), every request recorded. Tests allow it through KB_URL_ALLOW_HOSTS as
 * `127.0.0.1:<port>`; any other name or address for it stays refused.
 */

import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';

export type Route =
  | { body: string | Buffer; type?: string; status?: number }
  | { redirect: string; status?: number }
  /** Sends the headers and `first`, then nothing more until the client gives up. */
  | { stall: string; type?: string }
  /** Sends `chunks` chunks of `chunkBytes` bytes each, with no Content-Length. */
  | { stream: number; chunkBytes: number; type?: string };

export const FIXTURES = path.resolve(import.meta.dirname, '../fixtures/web');
export const fixture = (name: string) => readFileSync(path.join(FIXTURES, name), 'utf8');

export class WebServer {
  readonly routes = new Map<string, Route>();
  readonly requests: { path: string; userAgent: string | undefined }[] = [];
  private readonly open = new Set<ServerResponse>();

  private constructor(
    private readonly server: ReturnType<typeof createServer>,
    readonly port: number,
  ) {}

  static async start(): Promise<WebServer> {
    let self: WebServer | undefined;
    const server = createServer((req, res) => self?.handle(req, res));
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    self = new WebServer(server, (server.address() as AddressInfo).port);
    return self;
  }

  /** `http://127.0.0.1:<port><path>` */
  url(pathname: string): string {
    return `http://127.0.0.1:${this.port}${pathname}`;
  }

  /** The allow-list entry for this server. */
  get allowHost(): string {
    return `127.0.0.1:${this.port}`;
  }

  /** Requests made for one path. */
  hits(pathname: string): number {
    return this.requests.filter((request) => request.path === pathname).length;
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    const pathname = new URL(req.url ?? '/', 'http://x').pathname;
    this.requests.push({ path: pathname, userAgent: req.headers['user-agent'] });
    const route = this.routes.get(pathname);
    if (!route) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    if ('redirect' in route) {
      res.writeHead(route.status ?? 302, { location: route.redirect }).end();
    } else if ('stall' in route) {
      this.open.add(res);
      res.on('close', () => this.open.delete(res));
      res.writeHead(200, { 'content-type': route.type ?? 'text/html' });
      res.write(route.stall);
    } else if ('stream' in route) {
      res.writeHead(200, { 'content-type': route.type ?? 'text/html' });
      const chunk = Buffer.alloc(route.chunkBytes, 'a');
      let sent = 0;
      const next = () => {
        while (sent < route.stream && !res.destroyed) {
          sent++;
          if (!res.write(chunk)) return void res.once('drain', next);
        }
        if (!res.destroyed) res.end();
      };
      res.on('close', () => {
        sent = route.stream;
      });
      next();
    } else {
      res.writeHead(route.status ?? 200, {
        'content-type': route.type ?? 'text/html; charset=utf-8',
        'content-length': Buffer.byteLength(route.body),
      });
      res.end(route.body);
    }
  }

  async close(): Promise<void> {
    for (const res of this.open) res.destroy();
    this.server.closeAllConnections();
    this.server.close();
    await once(this.server, 'close');
  }
}
