import type { GraphQLResolveInfo } from 'graphql';
import type { GraphQLContext } from '../context';
import { UpstreamUnavailableError } from '../../lib/errors';
import { readTelnyxTime } from '../../telnyx/times';

/** Fields that already logged an unreadable time: a bad value repeats on every read, the warning need not. */
const warnedFields = new Set<string>();

/**
 * A time from a Telnyx answer, for a nullable DateTime field: RFC 3339, null when Telnyx sent none,
 * and an error at this field's path (the field answers null) when Telnyx sent one no reading of
 * ISO 8601 makes a time of, logged once per field for the operator.
 */
export function telnyxTime(value: unknown, context: GraphQLContext, info: GraphQLResolveInfo): string | null {
  if (value === null || value === undefined || value === '') return null;
  const time = typeof value === 'string' ? readTelnyxTime(value) : null;
  if (time !== null) return time;
  const field = `${info.parentType.name}.${info.fieldName}`;
  if (!warnedFields.has(field)) {
    warnedFields.add(field);
    context.logger.warn(
      { field, value: JSON.stringify(value).slice(0, 80) },
      'Telnyx sent a time that is not ISO 8601; the field answers null with an error (logged once per field)',
    );
  }
  throw new UpstreamUnavailableError('Telnyx sent a time that is not ISO 8601');
}
