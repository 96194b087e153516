import type { IncomingMessage, ServerResponse } from 'node:http';
import type { TLSSocket } from 'node:tls';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import { errorAnswer } from './errors';
import type { PlainAnswer, PlainHandler, PlainRequest } from './plain';

const gzipped = promisify(gzip);
/** Next's server compresses answers from 1 KiB on (its `compress` option); so does the fast path. */
const COMPRESS_FROM_BYTES = 1024;

function plainRequestOf(req: IncomingMessage): PlainRequest {
  return {
    cookie: req.headers.cookie ?? null,
    secure: Boolean((req.socket as TLSSocket).encrypted) || String(req.headers['x-forwarded-proto'] ?? '').includes('https'),
    declaredLength: Number(req.headers['content-length'] ?? 0),
    // A handler that stops reading (a body over its limit) must not destroy the socket its answer
    // goes out on; Node discards the rest of the body once the answer is sent.
    body: req.iterator({ destroyOnReturn: false }),
  };
}

/** Whether the client takes gzip, as the `compression` middleware inside Next decides it. */
function acceptsGzip(req: IncomingMessage): boolean {
  return String(req.headers['accept-encoding'] ?? '')
    .toLowerCase()
    .split(',')
    .some((part) => {
      const [coding, ...params] = part.trim().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      return (coding === 'gzip' || coding === '*') && (q === undefined || Number(q.slice(2)) > 0);
    });
}

async function writeAnswer(req: IncomingMessage, res: ServerResponse, { status, headers, body }: PlainAnswer): Promise<void> {
  let bytes = Buffer.from(body);
  const out: Record<string, string | string[]> = { ...headers, vary: 'Accept-Encoding' };
  if (bytes.length >= COMPRESS_FROM_BYTES && acceptsGzip(req)) {
    bytes = await gzipped(bytes);
    out['content-encoding'] = 'gzip';
  }
  out['content-length'] = String(bytes.length);
  res.writeHead(status, out).end(bytes);
}

/**
 * Answers a Node request with a route's plain handler. Handlers map their own failures to 4xx/503,
 * or 500 with a sentence; anything that still escapes is mapped the same way here.
 */
export async function answerWithRoute(handler: PlainHandler, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const answer = await handler(plainRequestOf(req)).catch(errorAnswer);
  await writeAnswer(req, res, answer).catch(() => res.destroy());
}
