/**
 * `npm run bench:redis`: what one Redis shard can carry for the event log, on throw-away redis-server
 * processes this script starts (a primary and one replica). The event log is one stream on one shard
 * (one hash tag), and Redis runs commands on one thread, so the figure that bounds a deployment is
 * Redis CPU per event: per append (the Lua script: dedup, leg routing, XADD, trimming) and per
 * instance following the stream (XREAD). Each line gives events/s from this process and Redis CPU
 * per event from INFO (steadier than rates on a shared machine).
 *
 *   raw XADD            the bare stream write, pipelined (the baseline)
 *   append script       RedisEventStore.append, as webhooks use it
 *   append + WAIT 1     the same with minReplicasAck=1 (one replica)
 *   + N readers         appends while N instances follow the stream (N = 1, 4, 16)
 */
import { Redis } from 'ioredis';
import { RedisEventStore } from '../src/events/redis-store';
import { createLogger } from '../src/lib/logger';
import { makeEvent } from '../test/events/make-event';
import { startReplicatedRedis } from '../test/support/redis-ha';
import { waitFor } from '../test/support/wait';

const quick = process.argv.includes('--quick');
const EVENTS = quick ? 5_000 : 30_000;
const CONCURRENCY = 64;
const silent = createLogger('silent');

/** Redis's own CPU seconds (user + sys) so far. */
async function redisCpuSeconds(redis: Redis): Promise<number> {
  const text = await redis.info('cpu');
  const value = (name: string) =>
    Number(/^(\w+):([\d.]+)/m.exec(text.split('\r\n').find((line) => line.startsWith(`${name}:`)) ?? '')?.[2] ?? 0);
  return value('used_cpu_user') + value('used_cpu_sys');
}

interface Line {
  name: string;
  perSecond: number;
  redisCpuUsPerEvent: number;
}

async function measure(name: string, admin: Redis, total: number, send: (i: number) => Promise<void>): Promise<Line> {
  for (let i = 0; i < Math.ceil(total / 10); i++) await send(-1 - i); // warm-up
  let next = 0;
  const cpuBefore = await redisCpuSeconds(admin);
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < total) await send(next++);
    }),
  );
  const seconds = (performance.now() - started) / 1_000;
  const cpu = (await redisCpuSeconds(admin)) - cpuBefore;
  return { name, perSecond: total / seconds, redisCpuUsPerEvent: (cpu / total) * 1e6 };
}

function openStore(url: string, prefix: string, minReplicasAck = 0): RedisEventStore {
  return new RedisEventStore({
    target: { kind: 'url', url },
    prefix,
    bufferPerCall: 1_000,
    bufferTotal: 100_000,
    bufferMaxAgeSeconds: 3_600,
    subscriberMaxBacklog: 1_000,
    minReplicasAck,
    replicaAckTimeoutMs: 1_000,
    logger: silent,
  });
}

async function main(): Promise<void> {
  const redis = await startReplicatedRedis(1);
  const admin = new Redis(redis.primary.url);
  const lines: Line[] = [];
  const eventJson = JSON.stringify(makeEvent());
  try {
    lines.push(
      await measure(
        'raw XADD',
        admin,
        EVENTS,
        async () => void (await admin.xadd('{raw}:events', '*', 'e', eventJson, 'c', 'v3:call-a')),
      ),
    );

    for (const [name, acks] of [
      ['append script', 0],
      ['append + WAIT 1', 1],
    ] as const) {
      const store = openStore(redis.primary.url, `bench-${acks}`, acks);
      await waitFor(() => store.isReady(), 'the store');
      lines.push(await measure(name, admin, EVENTS, async () => void (await store.append(makeEvent()))));
      await store.close();
    }

    for (const readers of [1, 4, 16]) {
      const prefix = `bench-readers-${readers}`;
      const writer = openStore(redis.primary.url, prefix);
      const followers = Array.from({ length: readers }, () => openStore(redis.primary.url, prefix));
      let delivered = 0;
      for (const follower of followers) follower.onEvent(() => delivered++);
      await waitFor(() => [writer, ...followers].every((store) => store.isReady()), 'the stores');
      const line = await measure(
        `append + ${readers} reader${readers > 1 ? 's' : ''}`,
        admin,
        EVENTS,
        async () => void (await writer.append(makeEvent())),
      );
      await waitFor(() => delivered >= (EVENTS + Math.ceil(EVENTS / 10)) * readers, 'the readers to catch up', {
        timeoutMs: 60_000,
      });
      lines.push(line);
      await Promise.all([writer, ...followers].map((store) => store.close()));
    }
  } finally {
    admin.disconnect();
    await Promise.all(redis.all().map((server) => server.dispose()));
  }

  const baseline = lines[0]!;
  console.log(
    `Redis event log, ${EVENTS} events per line, ${CONCURRENCY} appends in flight, one redis-server ${quick ? '(quick)' : ''}`,
  );
  console.log('line                 events/s   Redis CPU/event   vs raw XADD');
  for (const line of lines) {
    const ratio = line.redisCpuUsPerEvent / baseline.redisCpuUsPerEvent;
    console.log(
      `${line.name.padEnd(20)} ${Math.round(line.perSecond).toString().padStart(8)}   ${line.redisCpuUsPerEvent.toFixed(1).padStart(10)} µs   ${ratio.toFixed(1).padStart(8)}×`,
    );
  }
  const [, script, , ...withReaders] = lines;
  if (script && withReaders.length === 3) {
    const perReader = (withReaders[2]!.redisCpuUsPerEvent - withReaders[0]!.redisCpuUsPerEvent) / 15;
    console.log(`per reader (from 1 → 16 readers): ${perReader.toFixed(1)} µs of Redis CPU per event`);
  }
}

await main();
