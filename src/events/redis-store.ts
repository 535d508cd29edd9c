import { once } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';
import { CursorExpiredError, EventBusUnavailableError } from '../errors';
import type { Logger } from '../logger';
import { compareCursors, MalformedCursorError, parseCursor } from './cursor';
import {
  closeRedisConnection,
  openRedisConnection,
  reconnectDelay,
  sanitizeRedisMessage,
  type RedisClient,
  type RedisTarget,
} from './redis-connection';
import {
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
import type { CallEvent, DeliveredCallEvent } from './types';

export interface RedisEventStoreOptions {
  /** One Redis by URL, a Sentinel-managed primary, or a Cluster. */
  target: RedisTarget;
  /** Prefix of every key, so deployments can share one Redis. */
  prefix: string;
  /** Not enforced here: one shared stream cannot drop one call's events without holes in the global log. */
  bufferPerCall: number;
  /** The stream keeps the newest this many events (exact trimming, so expiry is exact too). */
  bufferTotal: number;
  /** Events older than this are trimmed (exact MINID); webhook ids are remembered this long, and at least a day. */
  bufferMaxAgeSeconds: number;
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

type Listener = (event: DeliveredCallEvent) => void;

/** Telnyx does not document how long it retries; a day of ids costs one small key per event. */
const minDedupSeconds = 86_400;
/** A leg → call mapping outlives any call; each event naming the call refreshes it. */
const legTtlSeconds = 86_400;
const commandTimeoutMs = 2_000;
const blockMs = 5_000;
/** How long a first command waits for the very first connection before answering "unavailable". */
const startupWaitMs = 1_000;

/**
 * The event log on Redis Streams, shared by every gateway instance on the same prefix.
 * Appends run one Lua script (dedup, leg routing, XADD, exact trimming) on a command connection that
 * fails fast; one blocking reader connection per instance follows the stream (XREAD BLOCK from the
 * last id it delivered) and feeds `onEvent` listeners in order, resuming from that id after a
 * reconnect, so no accepted event is skipped. Cursors are stream ids, valid on every instance.
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
  private readonly reader: RedisClient;
  /** Where appends go: the commands connection, or one of its own when WAIT would block it. */
  private readonly appender: RedisClient | null;
  private readonly scripts: EventLogScripts;
  private readonly readerScripts: EventLogScripts;
  private readonly replicatedAppends: ReplicatedAppends | null;
  private readonly replicaAck: ReplicaAck | null;
  private readonly listeners = new Set<Listener>();
  private readonly logger: Logger;
  private readonly stopping = new AbortController();
  private readonly startup: Promise<unknown>;
  private readonly readLoop: Promise<void>;
  private markPositioned!: () => void;
  /** The id of the last entry handed to listeners; null until the reader has found its start. */
  private lastDelivered: string | null = null;
  /** The first id ever appended to the log the reader follows; a change means Redis lost the log. */
  private knownOrigin = '';
  private needsResync = true;
  /** A command failed on a connection that still looks up (a hung Redis, OOM, a read-only replica). */
  private degraded = false;
  private closed = false;
  /** The reader is holding entries until replicas confirm them (logged once per stretch). */
  private awaitingReplicas = false;

  constructor(private readonly options: RedisEventStoreOptions) {
    this.logger = options.logger;
    this.keys = eventLogKeys(options.prefix);
    const connection = { target: options.target, logger: options.logger };
    this.commands = openRedisConnection({ ...connection, role: 'commands', commandTimeoutMs });
    this.reader = openRedisConnection({ ...connection, role: 'reader', commandTimeoutMs: blockMs + 3_000 });
    this.scripts = defineEventLogScripts(this.commands, this.keys);
    this.readerScripts = defineEventLogScripts(this.reader, this.keys);
    const replicas = options.minReplicasAck ?? 0;
    this.replicaAck = replicas > 0 ? { replicas, timeoutMs: options.replicaAckTimeoutMs ?? 500 } : null;
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
    this.reader.on('close', () => {
      this.needsResync = true;
    });
    const positioned = new Promise<void>((resolve) => (this.markPositioned = resolve));
    const connected = [this.commands, ...(this.appender ? [this.appender] : [])].map((redis) =>
      once(redis, 'ready', { signal: this.stopping.signal }),
    );
    this.startup = Promise.all([positioned, ...connected]).catch(() => {});
    this.readLoop = this.follow();
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
    };
    let appended: AppendResult;
    try {
      appended = this.replicaAck ? await this.appendReplicated(args, this.replicaAck) : await this.scripts.append(args);
    } catch (error) {
      if (error instanceof EventBusUnavailableError) throw error;
      throw this.unavailable('append', error);
    }
    if (!appended) return null;
    return { ...plain, callControlId: appended.callControlId, cursor: appended.cursor } as DeliveredCallEvent;
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
    return entries.flatMap((entry) => this.decode(entry) ?? []);
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

  onEvent(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  isReady(): boolean {
    return (
      !this.closed &&
      !this.degraded &&
      this.lastDelivered !== null &&
      this.commands.status === 'ready' &&
      this.reader.status === 'ready' &&
      (this.appender?.status ?? 'ready') === 'ready'
    );
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.stopping.abort();
    await closeRedisConnection(this.reader, { now: true });
    await this.readLoop;
    await Promise.all(
      [this.commands, ...(this.appender ? [this.appender] : [])].map((redis) => closeRedisConnection(redis)),
    );
  }

  /** Commands may run once the reader has found its start (so no append slips past it) and while connected. */
  private async usable(): Promise<void> {
    if (this.lastDelivered === null && !this.closed) {
      await Promise.race([this.startup, sleep(startupWaitMs, undefined, { ref: false })]);
    }
    if (this.closed) throw new EventBusUnavailableError('event bus is closed');
    if (this.lastDelivered === null || this.commands.status !== 'ready' || this.degraded) {
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

  /** The reader: follow the stream from the last delivered id, forever, across reconnects. */
  private async follow(): Promise<void> {
    let failures = 0;
    while (!this.closed) {
      try {
        if (this.reader.status !== 'ready') await once(this.reader, 'ready', { signal: this.stopping.signal });
        if (this.needsResync) await this.resync();
        const reply = await this.reader.xread(
          'COUNT',
          this.batchSize(),
          'BLOCK',
          blockMs,
          'STREAMS',
          this.keys.stream,
          this.lastDelivered!,
        );
        const entries = (reply ?? []).flatMap(([, streamEntries]) => streamEntries);
        if (entries.length > 0 && this.replicaAck) await this.untilReplicated(this.replicaAck);
        this.deliver(entries);
        failures = 0;
      } catch (error) {
        if (this.closed) return;
        this.needsResync = true;
        failures += 1;
        // A lost connection waits for 'ready' above; a failing command on a live one must not spin.
        if (this.reader.status === 'ready') {
          const reason = sanitizeRedisMessage(
            error instanceof Error ? error.message : String(error),
            this.options.target,
          );
          if (failures === 1) this.logger.warn({ reason }, 'event reader failed; retrying');
          await sleep(reconnectDelay(failures), undefined, { signal: this.stopping.signal }).catch(() => {});
        }
      }
    }
  }

  /**
   * Holds what the reader just read until n replicas have it: an entry only the primary holds may
   * vanish in a failover, and its webhook's retry would then be appended, and delivered, again.
   * A dropped connection ends the wait; the reader then reads again from the last delivered id.
   */
  private async untilReplicated(ack: ReplicaAck): Promise<void> {
    while (!this.closed) {
      const acked = await this.readerScripts.replicatedUpTo(ack);
      if (acked >= ack.replicas) {
        if (this.awaitingReplicas) this.logger.info('replicas caught up; delivering events again');
        this.awaitingReplicas = false;
        return;
      }
      if (!this.awaitingReplicas)
        this.logger.warn({ acked, wanted: ack.replicas }, 'holding events until enough replicas confirm them');
      this.awaitingReplicas = true;
    }
  }

  /**
   * Where to read from after (re)connecting: on first start, the log's newest id; after a reconnect,
   * the last delivered id — unless Redis lost the log meanwhile (restart without persistence), in
   * which case everything in the new log is new to this instance.
   */
  private async resync(): Promise<void> {
    const state = await this.readerScripts.logState();
    if (this.lastDelivered === null) {
      this.lastDelivered = state.lastId;
      this.markPositioned();
    } else if (this.knownOrigin !== '' && state.origin !== this.knownOrigin) {
      // Checked first: a lost log's trimmed-id record is gone with it.
      this.logger.warn(
        'the event log in Redis was replaced (restarted without persistence?); delivering the new log from its start',
      );
      this.lastDelivered = '0-0';
    } else if (compareCursors(this.lastDelivered, state.trimmedId) < 0) {
      this.logger.error(
        { lastDelivered: this.lastDelivered },
        'events were trimmed from the log before this instance read them',
      );
    } else {
      this.logger.info({ after: this.lastDelivered }, 'event reader resumed');
    }
    this.knownOrigin = state.origin;
    this.needsResync = false;
  }

  private deliver(entries: StreamEntry[]): void {
    for (const entry of entries) {
      this.lastDelivered = entry[0];
      // Following a log that was empty at resync: its first entry is its origin.
      if (this.knownOrigin === '') this.knownOrigin = entry[0];
      const event = this.decode(entry);
      if (!event) continue;
      for (const listener of [...this.listeners]) {
        try {
          listener(event);
        } catch (error) {
          this.logger.error({ err: error, cursor: event.cursor }, 'event listener threw');
        }
      }
    }
  }

  private decode([id, fields]: StreamEntry): DeliveredCallEvent | null {
    const field = (name: string) => {
      for (let i = 0; i + 1 < fields.length; i += 2) if (fields[i] === name) return fields[i + 1];
      return undefined;
    };
    try {
      const event = JSON.parse(field('e') ?? '') as CallEvent;
      return { ...event, callControlId: field('c') || event.callControlId || null, cursor: id };
    } catch {
      this.logger.error({ cursor: id }, 'unreadable entry in the event stream; skipped');
      return null;
    }
  }

  private batchSize(): number {
    return Math.min(Math.max(this.options.subscriberMaxBacklog, 1), 10_000);
  }
}
