import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readTelnyxTime } from '../../src/telnyx/times';

const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const pad = (value: number, width = 2) => String(value).padStart(width, '0');
const daysIn = (year: number, month: number) =>
  new Date(Date.UTC(2000, month, 0)).getUTCDate() - (month === 2 && !isLeap(year) ? 1 : 0);
const isLeap = (year: number) => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;

/** An ISO 8601 date-time in one of the forms Telnyx's "ISO 8601" allows, with its RFC 3339 spelling. */
const isoDateTime = fc
  .record({
    year: fc.integer({ min: 1000, max: 9998 }),
    month: fc.integer({ min: 1, max: 12 }),
    dayFraction: fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
    hour: fc.integer({ min: 0, max: 23 }),
    minute: fc.integer({ min: 0, max: 59 }),
    second: fc.option(fc.integer({ min: 0, max: 59 })),
    // Up to nanoseconds: past 9 digits V8's Date.parse stops truncating (".0001000000" reads as 1 ms).
    fraction: fc.option(fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: 1, maxLength: 9 })),
    decimalSign: fc.constantFrom('.', ','),
    offset: fc.oneof(
      fc.constant({ iso: '', rfc: 'Z' }),
      fc.constantFrom({ iso: 'Z', rfc: 'Z' }, { iso: 'z', rfc: 'Z' }),
      fc
        .record({
          sign: fc.constantFrom('+', '-'),
          hours: fc.integer({ min: 0, max: 23 }),
          minutes: fc.integer({ min: 0, max: 59 }),
          style: fc.constantFrom('hh:mm', 'hhmm', 'hh'),
        })
        .map(({ sign, hours, minutes, style }) => {
          const mm = style === 'hh' ? 0 : minutes;
          const iso =
            style === 'hh' ? `${sign}${pad(hours)}` : `${sign}${pad(hours)}${style === 'hhmm' ? '' : ':'}${pad(mm)}`;
          return { iso, rfc: `${sign}${pad(hours)}:${pad(mm)}` };
        }),
    ),
    basic: fc.boolean(),
    separator: fc.constantFrom('T', 't', ' '),
  })
  .map((t) => {
    const day = 1 + Math.floor(t.dayFraction * daysIn(t.year, t.month));
    const fraction = t.second !== null && t.fraction !== null ? t.fraction : null;
    const [y, mo, d, h, mi] = [pad(t.year, 4), pad(t.month), pad(day), pad(t.hour), pad(t.minute)];
    const s = t.second === null ? null : pad(t.second);
    const tail = `${s === null ? '' : `${t.basic ? '' : ':'}${s}`}${fraction === null ? '' : `${t.decimalSign}${fraction}`}`;
    const iso = t.basic
      ? `${y}${mo}${d}${t.separator === ' ' ? 'T' : t.separator}${h}${mi}${tail}${t.offset.iso.replace(':', '')}`
      : `${y}-${mo}-${d}${t.separator}${h}:${mi}${tail}${t.offset.iso}`;
    const rfc = `${y}-${mo}-${d}T${h}:${mi}:${s ?? '00'}${fraction === null ? '' : `.${fraction}`}${t.offset.rfc}`;
    return { iso, rfc };
  });

describe('readTelnyxTime', () => {
  it('reads any ISO 8601 date-time Telnyx may send as the instant Date.parse gives its RFC 3339 form', () => {
    fc.assert(
      fc.property(isoDateTime, ({ iso, rfc }) => {
        const read = readTelnyxTime(iso);
        expect(read, iso).toMatch(RFC3339);
        expect(Date.parse(read!), `${iso} as ${rfc}`).toBe(Date.parse(rfc));
      }),
      { numRuns: 2_000 },
    );
  });

  it.each([
    ['no offset: UTC, as Telnyx means it', '2026-11-24T10:00:02.574', '2026-11-24T10:00:02.574Z'],
    ['offset without a colon', '2026-11-24T10:00:02.574+0000', '2026-11-24T10:00:02.574Z'],
    ['offset in hours', '2026-11-24T12:00:02+02', '2026-11-24T10:00:02.000Z'],
    ['microseconds', '2026-11-24T10:00:02.574123Z', '2026-11-24T10:00:02.574Z'],
    ['picoseconds, truncated', '2026-11-24T10:00:02.000999999999Z', '2026-11-24T10:00:02.000Z'],
    ['basic format', '20261124T100002Z', '2026-11-24T10:00:02.000Z'],
    ['an offset that crosses a leap day', '2024-03-01T00:30:00+01:00', '2024-02-29T23:30:00.000Z'],
    ['a year before 100', '0050-06-01T00:00:00Z', '0050-06-01T00:00:00.000Z'],
  ])('%s: %s → %s', (_name, iso, rfc) => {
    expect(readTelnyxTime(iso)).toBe(rfc);
  });

  it.each([
    'yesterday',
    '',
    '2026-11-24',
    '2026-02-29T10:00:00Z',
    '2026-13-01T10:00:00Z',
    '2026-11-24T24:00:00Z',
    '2026-11-24T10:60:00Z',
    '2026-11-24T10:00:00+24:00',
    '2026-11-24T10:00:00.Z',
    '2026-11-24T10:00:00Z trailing',
    '٢٠٢٦-11-24T10:00:00Z',
  ])('reads %j as no time', (text) => {
    expect(readTelnyxTime(text)).toBeNull();
  });

  it('answers RFC 3339 or null for any string, never throwing', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), (text) => {
        const read = readTelnyxTime(text);
        if (read !== null) expect(read).toMatch(RFC3339);
      }),
    );
  });
});
