import { randomBytes, randomUUID } from 'node:crypto';

/** Telnyx's shape: `v3:` then URL-safe base64 characters (e.g. `v3:MdI91X4lWFEs7IgbBEOT9M4Aig...`). */
export function newCallControlId(): string {
  return `v3:${randomBytes(39).toString('base64url')}`;
}

const callControlIdShape = /^v[0-9]+:[A-Za-z0-9_-]{10,200}$/;

/** Malformed ids get Telnyx's 422 `90015`; well-formed unknown ones a 404. */
export function isWellFormedCallControlId(value: string): boolean {
  return callControlIdShape.test(value);
}

export const newUuid = (): string => randomUUID();

/** Telnyx's connection ids are long decimal strings (the Call Control App id). */
export function newConnectionId(): string {
  return `2${randomBytes(8).readBigUInt64BE().toString().padStart(18, '0').slice(0, 18)}`;
}

/** ISO 8601 with microseconds and `Z`, as Telnyx writes `occurred_at`. */
export function telnyxTimestamp(date: Date = new Date()): string {
  return date.toISOString().replace('Z', '000Z');
}
