import type { Logger } from '../lib/logger';
import type { RedisClient } from '../lib/redis-connection';
import { type CallAppendArguments, callLua, decodeCallSnapshot } from './redis-call-scripts';
import type { CallEvent, CallLifecycleEvent, DeliveredCallEvent } from './types';

/**
 * The Lua scripts behind RedisEventStore. Each runs atomically inside Redis, so two gateway
 * instances racing on the same event (a Telnyx retry landing elsewhere) cannot both publish it,
 * and an expiry verdict can never disagree with the entries it was given for.
 * Requires Redis 6.2+ (XTRIM MINID, exclusive XRANGE).
 *
 * Besides the stream, a small hash (`meta`) records: `origin`, the first id ever appended to this
 * log; `last`, the newest id; `trimmed`, the newest id trimmed away. Redis keeps no record of
 * trimmed ids itself (XINFO's max-deleted-entry-id follows XDEL only), and a resume from a cursor
 * is safe exactly when no entry after it was trimmed.
 */

/** Shared Lua: stream id order, and trimming that records the newest id it removes. */
const trimming = `
local function idParts(id)
  local ms, seq = string.match(id, '^(%d+)-(%d+)$')
  return tonumber(ms), tonumber(seq)
end
local function idBefore(a, b)
  local am, as = idParts(a)
  local bm, bs = idParts(b)
  return am < bm or (am == bm and as < bs)
end
local function noteTrimmed(meta, id)
  local previous = redis.call('HGET', meta, 'trimmed')
  if not previous or idBefore(previous, id) then redis.call('HSET', meta, 'trimmed', id) end
end
local function trimByAge(stream, meta, maxAgeMs)
  local now = redis.call('TIME')
  local oldest = tonumber(now[1]) * 1000 + math.floor(tonumber(now[2]) / 1000) - tonumber(maxAgeMs)
  if oldest <= 0 then return end
  local minId = string.format('%.0f', oldest) .. '-0'
  -- The common case, nothing aged out, costs one lookup; XREVRANGE below would scan the whole
  -- stream backwards when no entry is older than minId.
  local first = redis.call('XRANGE', stream, '-', '+', 'COUNT', 1)[1]
  if not first or not idBefore(first[1], minId) then return end
  noteTrimmed(meta, redis.call('XREVRANGE', stream, '(' .. minId, '-', 'COUNT', 1)[1][1])
  redis.call('XTRIM', stream, 'MINID', minId)
end
local function trimByLength(stream, meta, maxLength)
  local length = redis.call('XLEN', stream)
  -- At most 1000 per call: lowering the bound later shrinks the log over the next appends.
  local excess = math.min(length - tonumber(maxLength), 1000)
  if excess <= 0 then return end
  local gone = redis.call('XRANGE', stream, '-', '+', 'COUNT', excess)
  noteTrimmed(meta, gone[#gone][1])
  redis.call('XTRIM', stream, 'MAXLEN', length - excess)
end
`;

/**
 * KEYS: stream, seen:<id>, leg:<callLegId> (ignored unless ARGV[3] = '1'), meta
 * ARGV: event JSON, callControlId ('' if absent), has leg, dedup TTL s, leg TTL s, max length, max age ms,
 *       key tag, the event's contribution to its call (JSON), lifecycle ('1': the entry carries the
 *       call's state as `s`), call retention ms, events kept per call
 * Returns false for a duplicate id, else { cursor, callControlId ('' if still unknown) }.
 * The seen-marker is written after XADD: if XADD fails, a retry is not mistaken for a duplicate.
 * A duplicate refreshes its marker: a write, so that a WAIT after it on this connection confirms the
 * replicas hold the first append too (replication is in order) before the retry is acknowledged.
 * Trimming is exact, so each append removes (and reads the id of) usually one entry.
 * An event of a known call also updates the call's record, index and history (redis-call-scripts.ts).
 */
const appendLua = `${trimming}${callLua}
if redis.call('EXPIRE', KEYS[2], ARGV[4]) == 1 then return false end
local callControlId = ARGV[2]
if ARGV[3] == '1' then
  if callControlId ~= '' then
    redis.call('SET', KEYS[3], callControlId, 'EX', ARGV[5])
  else
    callControlId = redis.call('GET', KEYS[3]) or ''
  end
end
local call, isNew, before, snapshot
local lifecycle = ARGV[10] == '1'
if callControlId ~= '' then
  call = ARGV[8] .. ':call:' .. callControlId
  isNew, before = mergeCall(call, ARGV[9], lifecycle)
  if lifecycle then
    local fields, state = redis.call('HGETALL', call), {}
    for i = 1, #fields, 2 do state[fields[i]] = fields[i + 1] end
    snapshot = cjson.encode(state)
  end
end
local id
if snapshot then
  id = redis.call('XADD', KEYS[1], '*', 'e', ARGV[1], 'c', callControlId, 's', snapshot)
else
  id = redis.call('XADD', KEYS[1], '*', 'e', ARGV[1], 'c', callControlId)
end
if call then placeCall(ARGV[8], callControlId, call, isNew, before, lifecycle, id, ARGV[1], ARGV[11], ARGV[12]) end
redis.call('SET', KEYS[2], '1', 'EX', ARGV[4])
redis.call('HSETNX', KEYS[4], 'origin', id)
redis.call('HSET', KEYS[4], 'last', id)
trimByLength(KEYS[1], KEYS[4], ARGV[6])
trimByAge(KEYS[1], KEYS[4], ARGV[7])
return { id, callControlId }
`;

/**
 * KEYS: stream, meta. ARGV: cursor, count, max age ms (aged-out events are trimmed first).
 * Returns { 'expired' } or { 'ok', entries }. A cursor is expired when an entry after it was
 * trimmed, or when it predates this log's first entry ever (origin): then it came from a log
 * Redis has since lost (a restart without persistence), and events after it may be gone.
 */
const readAfterLua = `${trimming}
local cursor = ARGV[1]
trimByAge(KEYS[1], KEYS[2], ARGV[3])
local meta = redis.call('HMGET', KEYS[2], 'origin', 'trimmed')
if cursor ~= '0-0' and (not meta[1] or idBefore(cursor, meta[1])) then return { 'expired' } end
if meta[2] and idBefore(cursor, meta[2]) then return { 'expired' } end
return { 'ok', redis.call('XRANGE', KEYS[1], '(' .. cursor, '+', 'COUNT', ARGV[2]) }
`;

export interface EventLogKeys {
  /** `{prefix}`: every key starts with it (the call keys are built from it, see redis-call-scripts.ts). */
  tag: string;
  stream: string;
  meta: string;
  /** Written by the health probe while commands fail. */
  probe: string;
  seen(eventId: string): string;
  leg(callLegId: string): string;
}

/**
 * Every key the store touches, all under the deployment prefix as a hash tag (`{prefix}:…`): on a
 * Cluster they share one slot, so the append script may touch them all at once.
 */
export function eventLogKeys(prefix: string): EventLogKeys {
  const tag = `{${prefix}}`;
  return {
    tag,
    stream: `${tag}:events`,
    meta: `${tag}:events:meta`,
    probe: `${tag}:probe`,
    seen: (eventId) => `${tag}:seen:${eventId}`,
    leg: (callLegId) => `${tag}:leg:${callLegId}`,
  };
}

/** A raw stream entry as ioredis returns it: [id, [field, value, ...]]. */
export type StreamEntry = [id: string, fields: string[]];

/**
 * An entry as the append script wrote it (`e` the event's JSON, `c` its call, '' while unknown, `s` for
 * a lifecycle event: its call's state), delivered with its id as cursor; null, logged, when it cannot be read.
 */
export function decodeStreamEntry([id, fields]: StreamEntry, logger: Logger): DeliveredCallEvent | null {
  const field = (name: string) => {
    for (let i = 0; i + 1 < fields.length; i += 2) if (fields[i] === name) return fields[i + 1];
    return undefined;
  };
  try {
    const event = JSON.parse(field('e') ?? '') as CallEvent;
    const callControlId = field('c') || event.callControlId || null;
    const snapshot = field('s');
    // Not a spread followed by new properties: that is V8's slow path on Node 20.
    const delivered = Object.assign(event, { callControlId, cursor: id }) as DeliveredCallEvent;
    if (snapshot && callControlId)
      (delivered as CallLifecycleEvent).call = decodeCallSnapshot(snapshot, callControlId, id);
    return delivered;
  } catch {
    logger.error({ cursor: id }, 'unreadable entry in the event stream; skipped');
    return null;
  }
}

export interface LogState {
  /** The newest id appended ('0-0' when none), even if trimmed since: where a new reader starts. */
  lastId: string;
  /** The newest id trimmed away ('0-0' when none). */
  trimmedId: string;
  /** '' when nothing was ever appended to this log. */
  origin: string;
}

export interface AppendArguments {
  eventId: string;
  eventJson: string;
  callControlId: string | null;
  callLegId: string | null;
  dedupTtlSeconds: number;
  legTtlSeconds: number;
  maxLength: number;
  maxAgeMs: number;
  /** The event's share of its call's record (call-state.ts), as `callAppendArguments` gives it. */
  call: CallAppendArguments;
  /** A lifecycle event: its stream entry carries the call's state after it. */
  lifecycle: boolean;
}

/** A replica count to wait for after a write, and for how long at most. */
export interface ReplicaAck {
  replicas: number;
  timeoutMs: number;
}

export type AppendResult = { cursor: string; callControlId: string | null } | null;

export interface EventLogScripts {
  /** null: the id was seen already. */
  append(args: AppendArguments): Promise<AppendResult>;
  /**
   * The appends, then one `WAIT` on the same connection (one pipeline, so one node of a Cluster):
   * `acked` is how many replicas confirmed all of them (or the first appends of duplicate ids).
   * WAIT blocks its connection: use a connection of its own.
   */
  appendAllAndWait(args: AppendArguments[], ack: ReplicaAck): Promise<{ appended: AppendResult[]; acked: number }>;
  /** A small write and `WAIT`: how many replicas hold everything this connection has read so far. */
  replicatedUpTo(ack: ReplicaAck): Promise<number>;
  /** null: the cursor is expired. */
  readAfter(cursor: string, count: number, maxAgeMs: number): Promise<StreamEntry[] | null>;
  logState(): Promise<LogState>;
}

type AppendReply = [string, string] | null;

interface ScriptCommands {
  vmgAppendEvent(...args: (string | number)[]): Promise<AppendReply>;
  vmgReadAfter(...args: (string | number)[]): Promise<['expired'] | ['ok', StreamEntry[]]>;
}

/** The pipeline's replies, or its first error. */
function repliesOf(results: [Error | null, unknown][] | null): unknown[] {
  if (!results) throw new Error('pipeline was not executed');
  for (const [error] of results) if (error) throw error;
  return results.map(([, reply]) => reply);
}

/** Registers the scripts on a connection (EVALSHA, falling back to EVAL after a Redis restart). */
export function defineEventLogScripts(redis: RedisClient, keys: EventLogKeys): EventLogScripts {
  redis.defineCommand('vmgAppendEvent', { numberOfKeys: 4, lua: appendLua });
  redis.defineCommand('vmgReadAfter', { numberOfKeys: 2, lua: readAfterLua });
  const scripts = redis as unknown as ScriptCommands;
  const appendArguments = (a: AppendArguments) =>
    [
      keys.stream,
      keys.seen(a.eventId),
      keys.leg(a.callLegId ?? ''),
      keys.meta,
      a.eventJson,
      a.callControlId ?? '',
      a.callLegId ? '1' : '0',
      a.dedupTtlSeconds,
      a.legTtlSeconds,
      a.maxLength,
      a.maxAgeMs,
      keys.tag,
      a.call.contribution,
      a.lifecycle ? '1' : '0',
      a.call.retentionMs,
      a.call.eventsPerCall,
    ] as const;
  const appendResult = (reply: AppendReply): AppendResult =>
    reply ? { cursor: reply[0], callControlId: reply[1] || null } : null;
  return {
    async append(a) {
      return appendResult(await scripts.vmgAppendEvent(...appendArguments(a)));
    },
    async appendAllAndWait(all, { replicas, timeoutMs }) {
      const pipeline = redis.pipeline() as unknown as ScriptCommands & ReturnType<RedisClient['pipeline']>;
      for (const a of all) pipeline.vmgAppendEvent(...appendArguments(a));
      const replies = repliesOf(await pipeline.wait(replicas, timeoutMs).exec());
      const acked = Number(replies.pop());
      return { appended: replies.map((reply) => appendResult(reply as AppendReply)), acked };
    },
    async replicatedUpTo({ replicas, timeoutMs }) {
      const [, acked] = repliesOf(
        await redis.pipeline().set(keys.probe, String(Date.now()), 'PX', 10_000).wait(replicas, timeoutMs).exec(),
      );
      return Number(acked);
    },
    async readAfter(cursor, count, maxAgeMs) {
      const reply = await scripts.vmgReadAfter(keys.stream, keys.meta, cursor, count, maxAgeMs);
      return reply[0] === 'ok' ? reply[1] : null;
    },
    async logState() {
      const [lastId, trimmedId, origin] = await redis.hmget(keys.meta, 'last', 'trimmed', 'origin');
      return { lastId: lastId ?? '0-0', trimmedId: trimmedId ?? '0-0', origin: origin ?? '' };
    },
  };
}
