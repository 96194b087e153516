import { inject } from 'vitest';

// lib/server reads its configuration from the environment, as in production.
process.env.REDIS_URL = inject('redisUrl');
