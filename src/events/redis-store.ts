import { once } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';
import { CursorExpiredError, EventBusUnavailableError } from '../lib/errors';
import type { Logger } from '../lib/logger';
import { MalformedCursorError, parseCursor } from './cursor';
import {
  closeRedisConnection,
  openRedisConnection,
  sanitizeRedisMessage,
  type RedisClient,
  type RedisTarget,
} from '../lib/redis-connection';
import { RedisEventReader } from './redis-reader';
import {
  decodeStreamEntry,
  defineEventLogScripts,
  eventLogKeys,
  type AppendArguments,
  type AppendResult,
  type EventLogKeys,
  type EventLogScripts,
  type ReplicaAck,
  type StreamEntry,
} from './redis-scripts';
import { ReplicatedAppends } from './replicated-appends';
import type { EventStore } from './store';
import { callAppendArguments } from './redis-call-scripts';
import { RedisCallReader } from './redis-calls';
import { type CallEvent, type DeliveredCallEvent, isCallLifecycleEventType } from './types';

export interface RedisEventStoreOptions {
  /** One Redis by URL, a Sentinel-managed primary, or a Cluster. */
  target: RedisTarget;
  /** Prefix of every key, so deployments can share one Redis. */
  prefix: string;
  /**
   * Not enforced on the log: one shared stream cannot drop one call's events without holes in it. It
   * bounds each call's history instead.
   */
  bufferPerCall: number;
  /** The stream keeps the newest this many events (exact trimming, so expiry is exact too). */
  bufferTotal: number;
  /** Events older than this are trimmed (exact MINID); webhook ids are remembered this long, and at least a day. */
  bufferMaxAgeSeconds: number;
  /** Calls and their histories are kept this long after the call's first event (default: a day). */
  callRetentionSeconds?: number;
  /** The live reader fetches at most this many events per round trip. */
  subscriberMaxBacklog: number;
  /**
   * 0: an append is acknowledged once the primary has it. n > 0: only once `WAIT` confirms n
   * replicas have it, and listeners get an event only once n replicas have it, so a failover to
   * one of them can neither lose an acknowledged event nor take back a delivered one.
   */
  minReplicasAck?: number;
  /** How long an append waits for those replicas before the webhook is answered 503. */
  replicaAckTimeoutMs?: number;
  logger: Logger;
}

/** Telnyx does not document how long it retries; a day of ids costs one small key per event. */
const minDedupSeconds = 86_400;
/** A leg → call mapping outlives any call; each event naming the call refreshes it. */
const legTtlSeconds = 86_400;
const commandTimeoutMs = 2_000;
/** How long a first command waits for the very first connection before answering "unavailable". */
const startupWaitMs = 1_000;

/**
 * The event log on Redis Streams, shared by every gateway instance on the same prefix.
 * Appends run one Lua script (dedup, leg routing, XADD, exact trimming) on a command connection that
 * fails fast; a RedisEventReader follows the stream and feeds `onEvent` listeners in order, so no
 * accepted event is skipped. Cursors are stream ids, valid on every instance.
 *
 * Durability is Redis's: an accepted event survives a Redis restart only if Redis persists it
 * (AOF with `appendfsync always` for every acknowledged write; `everysec` may lose the last
 * second). A Redis that comes back empty is detected (the log's origin changed): readers deliver
 * the new log from its start, cursors from the lost log are refused as expired, and ids seen
 * before the loss are no longer recognised as duplicates. Behind Sentinel, a failover is an outage
 * like a restart (503s until the new primary answers, then readers resume from their last id);
 * with `minReplicasAck`, what was acknowledged or delivered is on the replicas a failover promotes.
 */
export class RedisEventStore implements EventStore {
  private readonly keys: EventLogKeys;
  private readonly commands: RedisClient;
  private readonly reader: RedisEventReader;
  /** Where appends go: the commands connection, or one of its own when WAIT would block it. */
  private readonly appender: RedisClient | null;
  private readonly scripts: EventLogScripts;
  private readonly replicatedAppends: ReplicatedAppends | null;
  private readonly replicaAck: ReplicaAck | null;
  private readonly logger: Logger;
  private readonly stopping = new AbortController();
  private readonly startup: Promise<unknown>;
  readonly calls: RedisCallReader;
  private readonly callRetentionMs: number;
  /** A command failed on a connection that still looks up (a hung Redis, OOM, a read-only replica). */
  private degraded = false;
  private closed = false;

  constructor(private readonly options: RedisEventStoreOptions) {
    this.logger = options.logger;
    this.keys = eventLogKeys(options.prefix);
    const connection = { target: options.target, logger: options.logger };
    this.commands = openRedisConnection({ ...connection, role: 'commands', commandTimeoutMs });
    const replicas = options.minReplicasAck ?? 0;
    this.replicaAck = replicas > 0 ? { replicas, timeoutMs: options.replicaAckTimeoutMs ?? 500 } : null;
    this.reader = new RedisEventReader({
      ...connection,
      keys: this.keys,
      batchSize: Math.min(Math.max(options.subscriberMaxBacklog, 1), 10_000),
      replicaAck: this.replicaAck,
    });
    this.scripts = defineEventLogScripts(this.commands, this.keys);
    this.callRetentionMs = (options.callRetentionSeconds ?? 86_400) * 1_000;
    this.calls = new RedisCallReader(this.commands, this.keys, this.callRetentionMs, this.logger, (operation, run) =>
      this.usable().then(() => run().catch((error: unknown) => Promise.reject(this.unavailable(operation, error)))),
    );
    // WAIT blocks its connection: appends that wait for replicas must not hold up reads and cursors.
    this.appender = this.replicaAck
      ? openRedisConnection({
          ...connection,
          role: 'appender',
          commandTimeoutMs: commandTimeoutMs + this.replicaAck.timeoutMs,
        })
      : null;
    this.replicatedAppends =
      this.appender && new ReplicatedAppends(defineEventLogScripts(this.appender, this.keys), this.replicaAck!);
    const connected = [this.commands, ...(this.appender ? [this.appender] : [])].map((redis) =>
      once(redis, 'ready', { signal: this.stopping.signal }),
    );
    this.startup = Promise.all([this.reader.positioned, ...connected]).catch(() => {});
  }

  async append(event: CallEvent): Promise<DeliveredCallEvent | null> {
    await this.usable();
    const { cursor: _previous, ...plain } = event as Partial<DeliveredCallEvent> & CallEvent;
    const args: AppendArguments = {
      eventId: event.id,
      eventJson: JSON.stringify(plain),
      callControlId: event.callControlId,
      callLegId: event.callLegId,
      dedupTtlSeconds: Math.max(this.options.bufferMaxAgeSeconds, minDedupSeconds),
      legTtlSeconds,
      maxLength: this.options.bufferTotal,
      maxAgeMs: this.options.bufferMaxAgeSeconds * 1_000,
      call: callAppendArguments(event, this.callRetentionMs, this.options.bufferPerCall),
      lifecycle: isCallLifecycleEventType(event.eventType),
    };
    let appended: AppendResult;
    try {
      appended = this.replicaAck ? await this.appendReplicated(args, this.replicaAck) : await this.scripts.append(args);
    } catch (error) {
      if (error instanceof EventBusUnavailableError) throw error;
      throw this.unavailable('append', error);
    }
    if (!appended) return null;
    // Not a spread followed by new properties: that is V8's slow path on Node 20.
    return Object.assign({}, plain, {
      callControlId: appended.callControlId,
      cursor: appended.cursor,
    }) as DeliveredCallEvent;
  }

  /**
   * Appends and waits until the replicas hold the event. Short of them, the webhook gets 503 though
   * the event is in the log: Telnyx's retry is then a duplicate, acknowledged only once its WAIT
   * confirms the first append reached the replicas; listeners get it once, when it has.
   */
  private async appendReplicated(args: AppendArguments, ack: ReplicaAck): Promise<AppendResult> {
    if (this.appender!.status !== 'ready')
      throw new EventBusUnavailableError('event bus unavailable: Redis is not connected');
    const { appended, acked } = await this.replicatedAppends!.append(args);
    if (acked < ack.replicas) {
      this.logger.warn(
        { acked, wanted: ack.replicas, timeoutMs: ack.timeoutMs },
        'event not acknowledged: too few replicas confirmed it in time',
      );
      throw new EventBusUnavailableError('event bus unavailable: too few Redis replicas confirmed the event; retry');
    }
    return appended;
  }

  /**
   * The stream is trimmed only as a whole, oldest first (no per-call bound), so its one watermark
   * judges every reader: never a gap, though a call that lost nothing may be refused too.
   */
  async readAfter(cursor: string, limit: number, _callControlId?: string | null): Promise<DeliveredCallEvent[]> {
    if (!parseCursor(cursor)) throw new MalformedCursorError();
    await this.usable();
    let entries: StreamEntry[] | null;
    try {
      entries = await this.scripts.readAfter(
        cursor,
        Math.max(1, Math.floor(limit)),
        this.options.bufferMaxAgeSeconds * 1_000,
      );
    } catch (error) {
      throw this.unavailable('readAfter', error);
    }
    if (!entries)
      throw new CursorExpiredError('events after this cursor are no longer buffered; subscribe again without one');
    return entries.flatMap((entry) => decodeStreamEntry(entry, this.logger) ?? []);
  }

  async latestCursor(): Promise<string> {
    await this.usable();
    try {
      return (await this.scripts.logState()).lastId;
    } catch (error) {
      throw this.unavailable('latestCursor', error);
    }
  }

  async rememberCallLeg(callLegId: string, callControlId: string): Promise<void> {
    await this.usable();
    try {
      await this.commands.set(this.keys.leg(callLegId), callControlId, 'EX', legTtlSeconds);
    } catch (error) {
      throw this.unavailable('rememberCallLeg', error);
    }
  }

  onEvent(listener: (event: DeliveredCallEvent) => void): () => void {
    return this.reader.onEvent(listener);
  }

  isReady(): boolean {
    return (
      !this.closed &&
      !this.degraded &&
      this.reader.isPositioned() &&
      this.commands.status === 'ready' &&
      this.reader.isConnected() &&
      (this.appender?.status ?? 'ready') === 'ready'
    );
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.stopping.abort();
    await this.reader.close();
    await Promise.all(
      [this.commands, ...(this.appender ? [this.appender] : [])].map((redis) => closeRedisConnection(redis)),
    );
  }

  /** Commands may run once the reader has found its start (so no append slips past it) and while connected. */
  private async usable(): Promise<void> {
    if (!this.reader.isPositioned() && !this.closed) {
      await Promise.race([this.startup, sleep(startupWaitMs, undefined, { ref: false })]);
    }
    if (this.closed) throw new EventBusUnavailableError('event bus is closed');
    if (!this.reader.isPositioned() || this.commands.status !== 'ready' || this.degraded) {
      throw new EventBusUnavailableError('event bus unavailable: Redis is not connected');
    }
  }

  private unavailable(operation: string, error: unknown): EventBusUnavailableError {
    const reason = sanitizeRedisMessage(error instanceof Error ? error.message : String(error), this.options.target);
    this.logger.debug({ operation, reason }, 'redis command failed');
    if (this.commands.status === 'ready' && !this.degraded && !this.closed) {
      this.logger.warn(
        { operation, reason },
        'redis is connected but not taking commands; unready until a probe write succeeds',
      );
      this.degraded = true;
      void this.probeUntilWritable();
    }
    return new EventBusUnavailableError('event bus unavailable: Redis did not take the command');
  }

  /**
   * While degraded, a small write every half second decides when Redis takes commands again:
   * a PING would pass on an out-of-memory or read-only Redis that still refuses appends.
   */
  private async probeUntilWritable(): Promise<void> {
    while (this.degraded && !this.closed) {
      await sleep(500, undefined, { signal: this.stopping.signal }).catch(() => {});
      try {
        await this.commands.set(this.keys.probe, String(Date.now()), 'PX', 10_000);
        this.degraded = false;
        this.logger.info('redis takes commands again');
      } catch {
        // still failing: stay unready and probe again
      }
    }
  }
}
