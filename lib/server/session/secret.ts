import { randomBytes } from 'node:crypto';
import { settings } from '../config';
import { processGlobal } from '../processGlobal';

/**
 * The key that signs session cookies. `npm start` keeps one in the data dir so sessions outlive a
 * restart; without it, sessions last as long as this process.
 */
export function sessionSecret(): string {
  return processGlobal('sessionSecret', () => settings().sessionSecret ?? randomBytes(32).toString('base64url'));
}
