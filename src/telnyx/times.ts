/**
 * Telnyx types its times as ISO 8601 strings, which is wider than the RFC 3339 the DateTime scalar
 * answers: no offset (Telnyx means UTC), an offset without its colon (`+0000`) or minutes (`+00`), a
 * comma before the fraction, any number of fraction digits, minutes without seconds, and the basic
 * format without separators. Each becomes the same instant in RFC 3339 (UTC, milliseconds).
 */
const EXTENDED =
  /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?([Zz]|[+-]\d{2}(?::?\d{2})?)?$/;
const BASIC = /^(\d{4})(\d{2})(\d{2})[Tt](\d{2})(\d{2})(?:(\d{2})(?:[.,](\d+))?)?([Zz]|[+-]\d{2}(?:\d{2})?)?$/;
const MAX_LENGTH = 64;

/** The instant as RFC 3339 in UTC, or null when `text` is not an ISO 8601 date-time of a real day and time. */
export function readTelnyxTime(text: string): string | null {
  const match = text.length <= MAX_LENGTH ? (EXTENDED.exec(text) ?? BASIC.exec(text)) : null;
  if (!match) return null;
  const [year, month, day, hour, minute, second = 0] = match.slice(1, 7).map((part) => Number(part ?? 0)) as [
    number,
    number,
    number,
    number,
    number,
    number?,
  ];
  const offsetMinutes = readOffset(match[8]);
  if (month < 1 || month > 12 || day < 1 || day > daysIn(year, month)) return null;
  if (hour > 23 || minute > 59 || second > 59 || offsetMinutes === null) return null;
  // Milliseconds are what a Date holds; further digits are dropped, as Date.parse does.
  const millis = Number((match[7] ?? '').slice(0, 3).padEnd(3, '0'));
  const local = new Date(Date.UTC(2000, month - 1, day, hour, minute, second, millis));
  // Date.UTC reads years below 100 as 19xx; the year is set on its own (the day is valid in it).
  local.setUTCFullYear(year);
  const instant = new Date(local.getTime() - offsetMinutes * 60_000);
  const utcYear = instant.getUTCFullYear();
  return utcYear >= 0 && utcYear <= 9999 ? instant.toISOString() : null;
}

/** Minutes east of UTC; 0 for none or `Z`; null when out of range. */
function readOffset(offset: string | undefined): number | null {
  if (offset === undefined || offset === 'Z' || offset === 'z') return 0;
  const digits = offset.slice(1).replace(':', '');
  const hours = Number(digits.slice(0, 2));
  const minutes = Number(digits.slice(2) || 0);
  if (hours > 23 || minutes > 59) return null;
  return (offset.startsWith('-') ? -1 : 1) * (hours * 60 + minutes);
}

function daysIn(year: number, month: number): number {
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]!;
}
