import 'server-only';
import { createHash, timingSafeEqual } from 'node:crypto';
import { settings } from '../config';
import { errorAnswer } from './errors';
import type { PlainAnswer } from './plain';
import { scrape } from '../metrics/fromRedis';

const digest = (text: string) => createHash('sha256').update(text).digest();
const text = (status: number, body: string, headers: Record<string, string> = {}): PlainAnswer => ({
  status,
  headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store', ...headers },
  body,
});

/**
 * GET /metrics: only with METRICS_TOKEN set (404 otherwise, as if there were no such page), and
 * only for `Authorization: Bearer <token>`: 401 without it, 403 for another token. Tokens are
 * compared by digest in constant time, so the answer's timing does not reveal the token.
 */
export async function metricsAnswer(authorization: string | null): Promise<PlainAnswer> {
  const token = settings().metricsToken;
  if (!token) return text(404, 'Not found.');
  const given = /^Bearer (.+)$/i.exec(authorization ?? '')?.[1];
  if (!given) return text(401, 'GET /metrics needs Authorization: Bearer <METRICS_TOKEN>.', { 'www-authenticate': 'Bearer' });
  if (!timingSafeEqual(digest(given), digest(token))) return text(403, 'That is not the METRICS_TOKEN this server was started with.');
  try {
    const { contentType, text: body } = await scrape();
    return text(200, body, { 'content-type': contentType });
  } catch (error) {
    return errorAnswer(error);
  }
}
