import 'server-only';
import { readConfig, type AppConfig } from './configSchema';

let cached: AppConfig | undefined;

/** Configuration is read and checked once; a bad value fails with one clear line. */
export function config(): AppConfig {
  cached ??= readConfig(process.env);
  return cached;
}
