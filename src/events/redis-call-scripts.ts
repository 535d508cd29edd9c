import { CALL_RECORD_FIELDS, type CallRecord } from './call-record';
import { contributionOf, emptyCallRecord } from './call-state';
import type { DeliveredCallEvent } from './types';

/**
 * Calls on Redis, beside the event log and under its hash tag (one Cluster slot):
 *   <tag>:call:<id>          hash: the CallRecord's fields (call-state.ts), `position` included
 *   <tag>:call:<id>:events   stream: the call's events, under the log's own ids (its history)
 *   <tag>:calls:<state>      sorted set per state (`none` before any lifecycle event), members
 *                            `<padded position><id>` at score 0: newest first by ZREVRANGEBYLEX
 * The append script (redis-scripts.ts) updates all three in the same atomic step as the log, with
 * `mergeCall` and `placeCall` below; each key expires at the call's first event + the retention.
 */

/** Width of each half of a padded position: 15 digits, like any cursor's (cursor.ts). */
export const PAD = 15;

/**
 * Lua shared by the scripts: positions padded so that text order is position order, and the merge of
 * one event into its call (the rules of call-state.ts: `state` takes the later state, every other
 * field is set once). Keys are built from the tag passed in: the call is known only once the leg
 * routing above it ran, and every key shares the tag's slot.
 */
export const callLua = `
local CALL_RANK = { initiated = 1, answered = 2, ended = 3 }
local function padded(position)
  local ms, seq = string.match(position, '^(%d+)-(%d+)$')
  return string.rep('0', ${PAD} - #ms) .. ms .. '-' .. string.rep('0', ${PAD} - #seq) .. seq
end
local function positionMs(position)
  return tonumber(string.match(position, '^(%d+)-'))
end
local function callIndex(tag, state)
  return tag .. ':calls:' .. (state or 'none')
end
-- Merges an event's contribution into the call (a media event's only into the call it creates); returns
-- whether the call is new and its state before (read only for a lifecycle event: no other moves it).
local function mergeCall(call, contribution, lifecycle)
  local isNew = redis.call('EXISTS', call) == 0
  if not isNew and not lifecycle then return isNew, nil end
  local before = lifecycle and redis.call('HGET', call, 'state') or nil
  for field, value in pairs(cjson.decode(contribution)) do
    if field == 'state' then
      if not before or CALL_RANK[value] > CALL_RANK[before] then redis.call('HSET', call, 'state', value) end
    else
      redis.call('HSETNX', call, field, value)
    end
  end
  return isNew, before
end
-- Once the event has its id: position and index (for a new call, or a state that moved), history, and
-- for a new call its expiry (later writes keep a key's expiry).
local function placeCall(tag, callControlId, call, isNew, before, lifecycle, id, eventJson, retentionMs, perCall)
  if isNew then redis.call('HSET', call, 'position', id) end
  local after = lifecycle and redis.call('HGET', call, 'state') or before
  if isNew or before ~= after then
    local position = isNew and id or redis.call('HGET', call, 'position')
    local member = padded(position) .. callControlId
    if isNew then
      local cutoff = '(' .. padded(string.format('%.0f', positionMs(id) - tonumber(retentionMs)) .. '-0')
      for _, state in ipairs({ 'none', 'initiated', 'answered', 'ended' }) do
        redis.call('ZREMRANGEBYLEX', tag .. ':calls:' .. state, '-', cutoff)
      end
    else
      redis.call('ZREM', callIndex(tag, before), member)
    end
    redis.call('ZADD', callIndex(tag, after), 0, member)
  end
  local history = call .. ':events'
  -- pcall: a history that somehow holds a newer id must not make the webhook fail forever.
  redis.pcall('XADD', history, 'MAXLEN', perCall, id, 'e', eventJson, 'c', callControlId)
  if isNew then
    local expiresAt = positionMs(id) + tonumber(retentionMs)
    redis.call('PEXPIREAT', call, expiresAt)
    redis.call('PEXPIREAT', history, expiresAt)
  end
end
`;

/**
 * KEYS: any key of the tag (a Cluster routes the script by it; the rest are built from the tag). ARGV: tag, first, after padded ('' from the newest),
 * retention ms, states (comma-separated, 'none' included for every call).
 * Returns { totalCount, hasMore, member, fields, member, fields, ... } newest first.
 */
export const listCallsLua = `${callLua}
local tag, first, after, retentionMs = ARGV[1], tonumber(ARGV[2]), ARGV[3], tonumber(ARGV[4])
local now = redis.call('TIME')
local nowMs = tonumber(now[1]) * 1000 + math.floor(tonumber(now[2]) / 1000)
local oldest = '[' .. padded(string.format('%.0f', nowMs - retentionMs) .. '-0')
local newest = after == '' and '+' or '(' .. after
local members, total = {}, 0
for state in string.gmatch(ARGV[5], '[^,]+') do
  local index = tag .. ':calls:' .. state
  total = total + redis.call('ZLEXCOUNT', index, oldest, '+')
  for _, member in ipairs(redis.call('ZREVRANGEBYLEX', index, newest, oldest, 'LIMIT', 0, first + 1)) do
    members[#members + 1] = member
  end
end
table.sort(members, function(a, b) return a > b end)
local reply = { total, #members > first and 1 or 0 }
for i = 1, math.min(first, #members) do
  local member = members[i]
  reply[#reply + 1] = member
  reply[#reply + 1] = redis.call('HGETALL', tag .. ':call:' .. string.sub(member, ${2 * PAD + 2}))
end
return reply
`;

/** What the append script needs to merge one event into its call. */
export interface CallAppendArguments {
  /** JSON of the event's contribution to its record (call-state.ts). */
  contribution: string;
  retentionMs: number;
  eventsPerCall: number;
}

export function callAppendArguments(
  event: DeliveredCallEvent | Omit<DeliveredCallEvent, 'cursor'>,
  retentionMs: number,
  eventsPerCall: number,
): CallAppendArguments {
  const contribution: Record<string, string> = {};
  const values = contributionOf(event as DeliveredCallEvent) as Record<string, string | null | undefined>;
  for (const field of CALL_RECORD_FIELDS) {
    const value = values[field];
    if (value != null) contribution[field] = value;
  }
  return { contribution: JSON.stringify(contribution), retentionMs, eventsPerCall };
}

/** `<ms>-<seq>` with both halves zero-padded, as the indexes hold positions. */
export function paddedPosition(position: string): string {
  const dash = position.indexOf('-');
  return `${position.slice(0, dash).padStart(PAD, '0')}-${position.slice(dash + 1).padStart(PAD, '0')}`;
}

/** A record from its hash's fields; null when the hash is gone (expired). */
export function recordOf(callControlId: string, fields: Record<string, string>): CallRecord | null {
  if (fields.position === undefined) return null;
  const record = emptyCallRecord(callControlId, fields.position);
  for (const field of CALL_RECORD_FIELDS) {
    const value = fields[field];
    if (value !== undefined) (record as unknown as Record<string, string>)[field] = value;
  }
  return record;
}

export function pairs(flat: string[]): Record<string, string> {
  const object: Record<string, string> = {};
  for (let i = 0; i + 1 < flat.length; i += 2) object[flat[i]!] = flat[i + 1]!;
  return object;
}

/**
 * The call state as the stream entry of a lifecycle event carries it (`s`): the hash's fields after the
 * merge. A call this event created has no `position` yet when the entry is written: it is the event's id.
 */
export function decodeCallSnapshot(json: string, callControlId: string, cursor: string): CallRecord | undefined {
  const fields = JSON.parse(json) as Record<string, string>;
  return recordOf(callControlId, { position: cursor, ...fields }) ?? undefined;
}
