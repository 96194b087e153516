import { createServer, type RequestListener } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import next from 'next';
import { ConfigError, readConfig, type AppConfig } from '../lib/server/configSchema';
import { fastRoute } from '../lib/server/http/fastRoutes';
import { log } from '../lib/server/log/logger';
import { answerWithRoute } from '../lib/server/http/nodeBridge';
import { startLessonsDir } from '../lib/server/lessons/markdownSource';

/**
 * The production HTTP server: Next's documented custom-server API, plus a fast path. A route that
 * offered its handler (lib/server/http/fastRoutes.ts) is answered directly, without the
 * milliseconds Next spends routing each request; everything else, and such a route until Next has
 * loaded it, goes to Next. Start it through scripts/serverProcess.ts, which sets the production
 * environment and loads it with scripts/launchServer.mjs.
 */
const root = path.resolve(__dirname, '..');
/** The routes that offer a fast path (each route.ts calls offerFastRoute). */
const FAST_ROUTES = ['/api/commands'];
/** Time for requests in flight to finish when the server is asked to stop. */
const SHUTDOWN_GRACE_MS = 5_000;

/**
 * Next loads a route's own code on the route's first request, and only then can it offer its
 * handler. A GET (which these routes answer 405, without side effects) on a private port loads
 * them before the public port opens, so the fast path serves from the first request on.
 */
async function loadFastRoutes(listener: RequestListener): Promise<void> {
  const warmUp = createServer(listener);
  await new Promise<void>((resolve) => warmUp.listen(0, '127.0.0.1', resolve));
  const { port: privatePort } = warmUp.address() as AddressInfo;
  // A route that fails to load here loads on its first real request instead, through Next.
  for (const route of FAST_ROUTES)
    await fetch(`http://127.0.0.1:${privatePort}${route}`).then(
      (r) => r.arrayBuffer(),
      () => undefined,
    );
  await new Promise((resolve) => warmUp.close(resolve));
}

async function listen({ port, host: hostname, lessonsDir }: AppConfig): Promise<void> {
  // A broken lesson file is logged and skipped; the app starts all the same.
  startLessonsDir(lessonsDir);
  const app = next({ dev: false, dir: root, hostname, port });
  await app.prepare();
  const handleWithNext = app.getRequestHandler();
  const listener: RequestListener = (req, res) => {
    const url = req.url ?? '/';
    const query = url.indexOf('?');
    const handler = fastRoute(req.method, query === -1 ? url : url.slice(0, query));
    if (handler) {
      void answerWithRoute(handler, req, res);
      return;
    }
    handleWithNext(req, res).catch((error: unknown) => {
      // What `next start` answers when Next itself fails on a request; routes map their own errors.
      log().error({ err: error, path: url.slice(0, query === -1 ? undefined : query) }, 'Next failed to handle a request');
      if (res.headersSent) res.destroy();
      else res.writeHead(500).end('Internal Server Error');
    });
  };
  await loadFastRoutes(listener);

  const server = createServer(listener);
  server.on('error', (error) => {
    console.error(`Cannot listen on ${hostname}:${port}: ${error.message}`);
    process.exit(1);
  });
  server.listen(port, hostname);

  // As `next start` does: stop taking connections, let requests in flight finish (Node closes idle
  // keep-alive connections itself), then close Next. Open event streams end on SIGTERM (http/sse.ts).
  // A browser may still send a request on a kept-alive connection, so after a grace period every
  // connection is closed: a server with learners' pages open stops too.
  let stopping = false;
  const stop = (code: number) => {
    if (stopping) return;
    stopping = true;
    server.close(() => void app.close().finally(() => process.exit(code)));
    setTimeout(() => server.closeAllConnections(), SHUTDOWN_GRACE_MS).unref();
  };
  process.on('SIGINT', () => stop(130));
  process.on('SIGTERM', () => stop(143));
}

/** Every setting, checked before Next loads or anything touches Redis; a bad one stops the server with its sentence. */
function checkedConfig(): AppConfig {
  try {
    return readConfig(process.env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(error.message);
    process.exit(1);
  }
}

export function startServer(): void {
  listen(checkedConfig()).catch((error: unknown) => {
    console.error('The app server could not start:', error);
    process.exit(1);
  });
}
