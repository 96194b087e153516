import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { settings } from '../config';
import { ConsoleConnection } from '../redis/consoleConnection';
import { freePort } from './freePort';
import { startEmbeddedRedis, type EmbeddedRedis } from './redisServer';
import { setTimeout as sleep } from 'node:timers/promises';

export interface EmbeddedCluster {
  /** `host:port,host:port,…`, as REDIS_CLUSTER_NODES takes it. */
  seeds: string;
  servers: EmbeddedRedis[];
  stop(): Promise<void>;
}

const READY_TIMEOUT_MS = 20_000;

async function clusterStateOk(port: number): Promise<boolean> {
  const probe = new ConsoleConnection({ host: '127.0.0.1', port, db: 0, tls: false }, 1_000);
  try {
    const [info] = await probe.send([[Buffer.from('CLUSTER'), Buffer.from('INFO')]]);
    return info?.reply.type === 'bulk' && Buffer.from(info.reply.value).toString().includes('cluster_state:ok');
  } catch {
    return false;
  } finally {
    probe.close();
  }
}

/**
 * A private Redis Cluster of `primaries` nodes (no replicas) on free loopback ports, for the
 * cluster tests and the cluster benchmark: each node is an embedded redis-server started with
 * `--cluster-enabled yes`, joined with `redis-cli --cluster create`. The cluster bus gets its own
 * free port, since the default (port + 10000) may lie beyond 65535.
 */
export async function startEmbeddedCluster(primaries = 3, cli = settings().redisCliBin): Promise<EmbeddedCluster> {
  const servers: EmbeddedRedis[] = [];
  const stop = async () => void (await Promise.all(servers.map((server) => server.stop())));
  try {
    for (let i = 0; i < primaries; i += 1) {
      const busPort = await freePort();
      servers.push(
        await startEmbeddedRedis({ extraArgs: ['--cluster-enabled', 'yes', '--cluster-config-file', 'nodes.conf', '--cluster-port', String(busPort)] }),
      );
    }
    const addresses = servers.map((server) => `127.0.0.1:${server.port}`);
    await promisify(execFile)(cli, ['--cluster', 'create', ...addresses, '--cluster-replicas', '0', '--cluster-yes']);
    const deadline = Date.now() + READY_TIMEOUT_MS;
    for (const server of servers) {
      while (!(await clusterStateOk(server.port))) {
        if (Date.now() > deadline) throw new Error(`The Redis Cluster did not reach cluster_state:ok within ${READY_TIMEOUT_MS / 1000} s.`);
        await sleep(100);
      }
    }
    return { seeds: addresses.join(','), servers, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
