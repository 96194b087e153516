import { randomBytes } from 'node:crypto';
import { settings } from '../config';

const globalForSecret = globalThis as unknown as { stampedeSessionSecret?: string };

/**
 * The key that signs session cookies. `npm start` keeps one in the data dir so sessions outlive a
 * restart; without it, sessions last as long as this process.
 */
export function sessionSecret(): string {
  globalForSecret.stampedeSessionSecret ??= settings().sessionSecret ?? randomBytes(32).toString('base64url');
  return globalForSecret.stampedeSessionSecret;
}
