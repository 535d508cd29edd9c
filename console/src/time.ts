const zoneFormat = new Intl.DateTimeFormat(undefined, { timeZoneName: 'short' });

/**
 * A date and time nobody can misread: ISO-like, in the viewer's zone, with the zone named
 * (`2026-12-08 00:31:44.123 UTC`); `millis: false` drops the milliseconds, `date: false` the day.
 */
export function timestamp(iso: string, { millis = true, date: withDate = true } = {}): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const pad = (value: number, width = 2) => String(value).padStart(width, '0');
  const zone = zoneFormat.formatToParts(date).find((part) => part.type === 'timeZoneName')?.value ?? '';
  const day = `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
  const time = `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`;
  const moment = `${time}${millis ? `.${pad(date.getMilliseconds(), 3)}` : ''} ${zone}`.trimEnd();
  return withDate ? `${day} ${moment}` : moment;
}
