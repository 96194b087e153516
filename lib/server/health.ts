import 'server-only';
import { appRedis } from './redis/client';

export interface Health {
  redis: 'up' | 'down';
  version: string;
}

export async function health(): Promise<Health> {
  try {
    const info = await appRedis().info('server');
    const version = /redis_version:(\S+)/.exec(info)?.[1] ?? 'unknown';
    return { redis: 'up', version };
  } catch {
    return { redis: 'down', version: '' };
  }
}
