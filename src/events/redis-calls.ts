import type { Logger } from '../lib/logger';
import type { CallRecord, CallState } from './call-record';
import { compareCursors } from './cursor';
import { listCallsLua, PAD, paddedPosition, pairs, recordOf } from './redis-call-scripts';
import type { RedisClient } from '../lib/redis-connection';
import { decodeStreamEntry, type EventLogKeys, type StreamEntry } from './redis-scripts';
import type { CallEventPage, CallListQuery, CallPage, CallReader } from './store';

interface ListReply {
  vmgListCalls(...args: (string | number)[]): Promise<[number, number, ...(string | string[])[]]>;
}

/** The reads of RedisEventStore.calls: one script for the list, plain reads for the rest. */
export class RedisCallReader implements CallReader {
  private readonly tag: string;

  constructor(
    private readonly redis: RedisClient,
    keys: EventLogKeys,
    private readonly retentionMs: number,
    private readonly logger: Logger,
    /** Fails fast when Redis cannot be used; maps a failure to the store's error. */
    private readonly guard: <T>(operation: string, run: () => Promise<T>) => Promise<T>,
  ) {
    this.tag = keys.tag;
    redis.defineCommand('vmgListCalls', { numberOfKeys: 1, lua: listCallsLua });
  }

  list(query: CallListQuery): Promise<CallPage> {
    return this.guard('listCalls', () => (query.only ? this.listOnly(query, query.only) : this.listAll(query)));
  }

  get(callControlId: string): Promise<CallRecord | null> {
    return this.guard('getCall', async () =>
      recordOf(callControlId, await this.redis.hgetall(this.callKey(callControlId))),
    );
  }

  events(callControlId: string, first: number, after: string | null): Promise<CallEventPage> {
    const history = `${this.callKey(callControlId)}:events`;
    return this.guard('callEvents', async () => {
      const [range, length] = await Promise.all([
        this.redis.xrange(history, after === null ? '-' : `(${after}`, '+', 'COUNT', first + 1) as Promise<
          StreamEntry[]
        >,
        this.redis.xlen(history),
      ]);
      const events = range.slice(0, first).flatMap((entry) => decodeStreamEntry(entry, this.logger) ?? []);
      return { events, hasNextPage: range.length > first, totalCount: length };
    });
  }

  private async listAll({ first, after, states }: CallListQuery): Promise<CallPage> {
    const [totalCount, hasMore, ...rest] = await (this.redis as unknown as ListReply).vmgListCalls(
      `${this.tag}:calls:none`,
      this.tag,
      first,
      after === null ? '' : paddedPosition(after),
      this.retentionMs,
      (states ?? ['none', 'initiated', 'answered', 'ended']).join(','),
    );
    const calls: CallRecord[] = [];
    for (let i = 0; i + 1 < rest.length; i += 2) {
      const record = recordOf((rest[i] as string).slice(2 * PAD + 1), pairs(rest[i + 1] as string[]));
      if (record) calls.push(record);
    }
    return { calls, hasNextPage: hasMore === 1, totalCount };
  }

  /** A token limited to some calls: read those calls' records and page them here. */
  private async listOnly({ first, after, states }: CallListQuery, only: ReadonlySet<string>): Promise<CallPage> {
    const ids = [...only];
    const hashes = await Promise.all(ids.map((id) => this.redis.hgetall(this.callKey(id))));
    const matching = ids
      .map((id, i) => recordOf(id, hashes[i]!))
      .filter((record): record is CallRecord => record !== null)
      .filter((record) => states === null || (record.state !== null && states.includes(record.state as CallState)))
      .sort((a, b) => compareCursors(b.position, a.position));
    const page = matching.filter((record) => after === null || compareCursors(record.position, after) < 0);
    return { calls: page.slice(0, first), hasNextPage: page.length > first, totalCount: matching.length };
  }

  private callKey(callControlId: string): string {
    return `${this.tag}:call:${callControlId}`;
  }
}
