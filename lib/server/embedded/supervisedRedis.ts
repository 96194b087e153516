import { startEmbeddedRedis, type EmbeddedRedis, type EmbeddedRedisOptions } from './redisServer';
import { setTimeout as sleep } from 'node:timers/promises';

export interface SupervisedRedis {
  url: string;
  port: number;
  stop(): Promise<void>;
}

const RESTART_DELAY_MS = 200;

/**
 * The app's own Redis, brought back on the same port from the same data whenever it exits unasked:
 * a crash, or the SHUTDOWN NOSAVE that is the only way to stop a script Redis cannot kill
 * (lib/server/redis/scriptGuard.ts). The app reconnects by itself. `onRestart` hears each return,
 * and each failed attempt, which is retried.
 */
export async function superviseEmbeddedRedis(options: EmbeddedRedisOptions, onRestart: (message: string) => void): Promise<SupervisedRedis> {
  let current: EmbeddedRedis = await startEmbeddedRedis(options);
  const { port } = current;
  let stopping = false;

  const restart = async (exited: EmbeddedRedis) => {
    // Lets go of its data dir (and removes an ephemeral one) before the new server claims it.
    await exited.stop();
    while (!stopping) {
      try {
        const started = await startEmbeddedRedis({ ...options, port });
        if (stopping) return void (await started.stop());
        current = started;
        watch(current);
        onRestart(`Redis stopped unexpectedly and was started again on 127.0.0.1:${port}.`);
        return;
      } catch (error) {
        onRestart(`Redis stopped unexpectedly and could not be started again (${(error as Error).message}); retrying.`);
        await sleep(RESTART_DELAY_MS);
      }
    }
  };
  const watch = (server: EmbeddedRedis) =>
    server.process.once('exit', () => {
      if (!stopping) void restart(server);
    });
  watch(current);

  return {
    url: current.url,
    port,
    stop: async () => {
      stopping = true;
      await current.stop();
    },
  };
}
