import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Redis } from 'ioredis';
import type { RedisAddress } from '../../src/lib/redis-connection';
import { freePort, ping, redisServerBinary, startThrowawayRedis, type ThrowawayRedis } from './redis';
import { waitFor } from './wait';

const inCI = Boolean(process.env.CI);

function binary(name: string): string | null {
  const candidates = [`/usr/bin/${name}`, `/usr/local/bin/${name}`];
  return candidates.find((path) => existsSync(path)) ?? null;
}

/** Whether the high-availability tests should skip: never in CI (.ci/run installs what they need). */
export function skipWithoutRedisHa(): boolean {
  if (inCI || (redisServerBinary() && binary('redis-sentinel') && binary('redis-cli'))) return false;
  console.warn('redis-server, redis-sentinel or redis-cli not found: skipping the Redis high-availability tests');
  return true;
}

/** One short-lived client for a check or a command, closed after. */
export async function withRedis<T>(url: string, use: (redis: Redis) => Promise<T>): Promise<T> {
  const redis = new Redis(url, { maxRetriesPerRequest: 0, retryStrategy: () => null });
  redis.on('error', () => {});
  try {
    return await use(redis);
  } finally {
    redis.disconnect();
  }
}

async function info(url: string, section: string): Promise<Record<string, string>> {
  const text = await withRedis(url, (redis) => redis.info(section)).catch(() => '');
  return Object.fromEntries(
    text.split('\r\n').flatMap((line) => (line.includes(':') ? [line.split(':', 2) as [string, string]] : [])),
  );
}

export interface ReplicatedRedis {
  primary: ThrowawayRedis;
  replicas: ThrowawayRedis[];
  /** Every server, for cleanup. */
  all(): ThrowawayRedis[];
}

/** A primary and `replicaCount` replicas of it, returned once every replica's link is up. */
export async function startReplicatedRedis(replicaCount: number): Promise<ReplicatedRedis> {
  // A full sync starts at once rather than after the default 5 s wait for more replicas.
  const primary = await startThrowawayRedis({ args: ['--repl-diskless-sync-delay', '0'] });
  const replicas: ThrowawayRedis[] = [];
  try {
    for (let i = 0; i < replicaCount; i++) {
      replicas.push(
        await startThrowawayRedis({
          args: ['--replicaof', '127.0.0.1', String(primary.port), '--repl-diskless-sync-delay', '0'],
        }),
      );
    }
    await waitFor(
      async () => Number((await info(primary.url, 'replication')).connected_slaves) === replicaCount,
      'replicas to connect',
    );
    for (const replica of replicas) {
      await waitFor(
        async () => (await info(replica.url, 'replication')).master_link_status === 'up',
        'the replication link',
      );
    }
  } catch (error) {
    await Promise.all([primary, ...replicas].map((server) => server.dispose()));
    throw error;
  }
  return { primary, replicas, all: () => [primary, ...replicas] };
}

export interface Sentinels {
  /** The sentinels' addresses, as REDIS_SENTINELS lists them. */
  addresses: RedisAddress[];
  /** The primary's name they monitor. */
  name: string;
  /** The port of the primary the first sentinel currently names. */
  primaryPort(): Promise<number | null>;
  dispose(): Promise<void>;
}

/**
 * `count` redis-sentinel processes monitoring the primary with quorum `quorum`, tuned for a test:
 * a primary silent for 500 ms is down, so a killed primary is replaced within about two seconds.
 * Returns once each sentinel has found every replica (a failover needs one to promote).
 */
export async function startSentinels(
  primaryPort: number,
  replicaCount: number,
  { count = 1, quorum = 1 } = {},
): Promise<Sentinels> {
  const name = 'vmg-primary';
  const dir = mkdtempSync(join(tmpdir(), 'vmg-sentinel-'));
  const children: ChildProcess[] = [];
  const addresses: RedisAddress[] = [];
  const dispose = async () => {
    await Promise.all(children.map((child) => stopChild(child)));
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    for (let i = 0; i < count; i++) {
      const port = await freePort();
      const config = join(dir, `sentinel-${i}.conf`);
      // Sentinel rewrites its own config file, so each gets a writable one.
      writeFileSync(
        config,
        [
          `port ${port}`,
          'bind 127.0.0.1',
          `dir ${dir}`,
          'daemonize no',
          'loglevel warning',
          `sentinel monitor ${name} 127.0.0.1 ${primaryPort} ${quorum}`,
          `sentinel down-after-milliseconds ${name} 500`,
          `sentinel failover-timeout ${name} 5000`,
          `sentinel parallel-syncs ${name} 1`,
          '',
        ].join('\n'),
      );
      const child = spawn(binary('redis-sentinel') ?? 'redis-sentinel', [config], { stdio: 'ignore' });
      children.push(child);
      addresses.push({ host: '127.0.0.1', port });
      await waitFor(
        async () => child.exitCode === null && (await ping(`redis://127.0.0.1:${port}`)),
        `sentinel ${i} to answer`,
      );
    }
    for (const { port } of addresses) {
      await waitFor(
        async () =>
          (
            (await withRedis(`redis://127.0.0.1:${port}`, (redis) => redis.call('SENTINEL', 'REPLICAS', name)).catch(
              () => [],
            )) as unknown[]
          ).length === replicaCount,
        'the sentinels to find the replicas',
      );
    }
  } catch (error) {
    await dispose();
    throw error;
  }
  return {
    addresses,
    name,
    async primaryPort() {
      const reply = await withRedis(`redis://127.0.0.1:${addresses[0]!.port}`, (redis) =>
        redis.call('SENTINEL', 'GET-MASTER-ADDR-BY-NAME', name),
      ).catch(() => null);
      return Array.isArray(reply) ? Number(reply[1]) : null;
    },
    dispose,
  };
}

export interface RedisCluster {
  nodes: ThrowawayRedis[];
  addresses: RedisAddress[];
  dispose(): Promise<void>;
}

/** The smallest Redis Cluster: `size` primaries, no replicas, every slot assigned, state ok on each node. */
export async function startRedisCluster(size = 3): Promise<RedisCluster> {
  const nodes: ThrowawayRedis[] = [];
  const dispose = async () => {
    await Promise.all(nodes.map((node) => node.dispose()));
  };
  try {
    for (let i = 0; i < size; i++) {
      // The nodes file lands in the server's own temporary --dir.
      nodes.push(
        await startThrowawayRedis({
          args: ['--cluster-enabled', 'yes', '--cluster-config-file', 'nodes.conf', '--cluster-node-timeout', '2000'],
        }),
      );
    }
    const members = nodes.map((node) => `127.0.0.1:${node.port}`);
    await promisify(execFile)(
      binary('redis-cli') ?? 'redis-cli',
      ['--cluster', 'create', ...members, '--cluster-replicas', '0', '--cluster-yes'],
      {
        timeout: 20_000,
      },
    );
    for (const node of nodes) {
      await waitFor(
        async () => (await withRedis(node.url, (redis) => redis.cluster('INFO'))).includes('cluster_state:ok'),
        'the cluster to be ok',
        { timeoutMs: 20_000 },
      );
    }
  } catch (error) {
    await dispose();
    throw error;
  }
  return { nodes, addresses: nodes.map((node) => ({ host: '127.0.0.1', port: node.port })), dispose };
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGKILL');
  await exited;
}
