import { randomBytes } from 'node:crypto';

const globalForSecret = globalThis as unknown as { stampedeSessionSecret?: string };

/**
 * The key that signs session cookies. `npm start` keeps one in the data dir so sessions outlive a
 * restart; without it, sessions last as long as this process.
 */
export function sessionSecret(): string {
  globalForSecret.stampedeSessionSecret ??= process.env.SESSION_SECRET || randomBytes(32).toString('base64url');
  return globalForSecret.stampedeSessionSecret;
}
