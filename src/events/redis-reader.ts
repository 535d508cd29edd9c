import { once } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from '../lib/logger';
import { compareCursors } from './cursor';
import {
  closeRedisConnection,
  openRedisConnection,
  reconnectDelay,
  sanitizeRedisMessage,
  type RedisClient,
  type RedisTarget,
} from '../lib/redis-connection';
import {
  decodeStreamEntry,
  defineEventLogScripts,
  type EventLogKeys,
  type EventLogScripts,
  type ReplicaAck,
  type StreamEntry,
} from './redis-scripts';
import type { DeliveredCallEvent } from './types';

export interface RedisEventReaderOptions {
  target: RedisTarget;
  keys: EventLogKeys;
  /** At most this many entries per round trip. */
  batchSize: number;
  /** Entries are delivered only once these replicas hold them; null: once the primary does. */
  replicaAck: ReplicaAck | null;
  logger: Logger;
}

type Listener = (event: DeliveredCallEvent) => void;

const blockMs = 5_000;

/**
 * The live side of RedisEventStore: one blocking reader connection per instance follows the
 * stream (XREAD BLOCK from the last id it delivered) and feeds listeners in order, resuming from
 * that id after a reconnect, so no accepted event is skipped.
 */
export class RedisEventReader {
  /** Settles once the reader has found where to start: commands wait for it, so no append slips past. */
  readonly positioned: Promise<void>;
  private readonly connection: RedisClient;
  private readonly scripts: EventLogScripts;
  private readonly listeners = new Set<Listener>();
  private readonly logger: Logger;
  private readonly stopping = new AbortController();
  private readonly readLoop: Promise<void>;
  private markPositioned!: () => void;
  /** The id of the last entry handed to listeners; null until the reader has found its start. */
  private lastDelivered: string | null = null;
  /** The first id ever appended to the log the reader follows; a change means Redis lost the log. */
  private knownOrigin = '';
  private needsResync = true;
  private closed = false;
  /** The reader is holding entries until replicas confirm them (logged once per stretch). */
  private awaitingReplicas = false;

  constructor(private readonly options: RedisEventReaderOptions) {
    this.logger = options.logger;
    this.connection = openRedisConnection({
      target: options.target,
      logger: options.logger,
      role: 'reader',
      commandTimeoutMs: blockMs + 3_000,
    });
    this.scripts = defineEventLogScripts(this.connection, options.keys);
    this.connection.on('close', () => {
      this.needsResync = true;
    });
    this.positioned = new Promise<void>((resolve) => (this.markPositioned = resolve));
    this.readLoop = this.follow();
  }

  onEvent(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  /** Whether the reader has found its start in the log. */
  isPositioned(): boolean {
    return this.lastDelivered !== null;
  }

  isConnected(): boolean {
    return this.connection.status === 'ready';
  }

  async close(): Promise<void> {
    this.closed = true;
    this.stopping.abort();
    await closeRedisConnection(this.connection, { now: true });
    await this.readLoop;
  }

  /** Follows the stream from the last delivered id, forever, across reconnects. */
  private async follow(): Promise<void> {
    let failures = 0;
    while (!this.closed) {
      try {
        if (this.connection.status !== 'ready') await once(this.connection, 'ready', { signal: this.stopping.signal });
        if (this.needsResync) await this.resync();
        const reply = await this.connection.xread(
          'COUNT',
          this.options.batchSize,
          'BLOCK',
          blockMs,
          'STREAMS',
          this.options.keys.stream,
          this.lastDelivered!,
        );
        const entries = (reply ?? []).flatMap(([, streamEntries]) => streamEntries);
        if (entries.length > 0 && this.options.replicaAck) await this.untilReplicated(this.options.replicaAck);
        this.deliver(entries);
        failures = 0;
      } catch (error) {
        if (this.closed) return;
        this.needsResync = true;
        failures += 1;
        // A lost connection waits for 'ready' above; a failing command on a live one must not spin.
        if (this.connection.status === 'ready') {
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
      const acked = await this.scripts.replicatedUpTo(ack);
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
    const state = await this.scripts.logState();
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
      const event = decodeStreamEntry(entry, this.logger);
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
}
