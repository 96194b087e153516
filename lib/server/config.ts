import { readConfig, readSettings, SETTING_NAMES, type AppConfig, type Settings } from './configSchema';

// No 'server-only' marker: scripts/start.ts and the private Redis it starts read these settings too.

const cache: { settings?: [string, Settings]; config?: [string, AppConfig] } = {};

/**
 * The environment as the settings see it. In production it never changes, so each parse below
 * happens once, at start (scripts/server.ts checks it before listening). Tests change a limit by
 * setting process.env (SESSION_MAX_KEYS, COMMANDS_PER_10S, …), and the next call reads the new value.
 */
const fingerprint = () => SETTING_NAMES.map((name) => process.env[name] ?? '').join('\0');
/** Reading every variable costs microseconds on each of a request's many calls; a production server's never change. */
const settled = (cached: [string, unknown] | undefined) => cached !== undefined && process.env.NODE_ENV === 'production';

/** Every setting but the Redis to use; a bad value throws a ConfigError with one sentence. */
export function settings(): Settings {
  if (settled(cache.settings)) return cache.settings![1];
  const key = fingerprint();
  if (cache.settings?.[0] !== key) cache.settings = [key, readSettings(process.env)];
  return cache.settings[1];
}

/** Every setting and the Redis to use; a bad value throws a ConfigError with one sentence. */
export function config(): AppConfig {
  if (settled(cache.config)) return cache.config![1];
  const key = fingerprint();
  if (cache.config?.[0] !== key) cache.config = [key, readConfig(process.env)];
  return cache.config[1];
}
