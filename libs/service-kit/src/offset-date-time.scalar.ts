import { Scalar, type CustomScalar } from '@nestjs/graphql';
import { GraphQLError, Kind, type ValueNode } from 'graphql';

/**
 * RFC 3339 date-time with a mandatory offset ("Z" or "±hh:mm"). Nest's default DateTime scalar
 * reads "2027-10-30T10:00:00" in the server's zone (UTC here) although the user meant the asset's
 * local time; a date-time without an offset is ambiguous, so it is refused with the reason.
 */
const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(\.\d{1,9})?([Zz]|[+-]\d{2}:\d{2})$/;

export function parseOffsetDateTime(value: unknown): Date {
  if (typeof value !== 'string') throw new GraphQLError('DateTime must be a string such as 2027-10-30T10:00:00+02:00');
  const match = RFC3339.exec(value);
  if (!match) {
    const noOffset = /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/.test(value);
    throw new GraphQLError(
      noOffset
        ? `DateTime "${value}" has no offset: add "Z" for UTC or the local offset, e.g. "${value}+02:00"`
        : `DateTime "${value}" is not an RFC 3339 date-time such as 2027-10-30T10:00:00+02:00`,
    );
  }
  const date = new Date(value);
  const [, y, mo, d] = match;
  // new Date() rolls 2027-02-30 over to March; a date that does not exist is refused instead.
  const calendar = new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d)));
  if (Number.isNaN(date.getTime()) || calendar.getUTCMonth() !== Number(mo) - 1 || calendar.getUTCDate() !== Number(d)) {
    throw new GraphQLError(`DateTime "${value}" is not a valid date`);
  }
  return date;
}

/**
 * The platform's `DateTime`, bound to every `Date` field and argument. A Nest scalar provider (in
 * SUBGRAPH_PROVIDERS) rather than `buildSchemaOptions.scalarsMap`, which the federation driver
 * overrides with the providers it discovers.
 */
@Scalar('DateTime', () => Date)
export class OffsetDateTimeScalar implements CustomScalar<string, Date> {
  // Same description as Nest's scalar, so the committed subgraph schemas do not change.
  description = 'A date-time string at UTC, such as 2019-12-03T09:54:33Z, compliant with the date-time format.';

  serialize(value: unknown): string {
    if (value instanceof Date) return value.toISOString();
    if (typeof value === 'string' || typeof value === 'number') return new Date(value).toISOString();
    throw new GraphQLError('DateTime cannot represent a non-date value');
  }

  parseValue(value: unknown): Date {
    return parseOffsetDateTime(value);
  }

  parseLiteral(ast: ValueNode): Date {
    if (ast.kind !== Kind.STRING) throw new GraphQLError('DateTime must be a string such as 2027-10-30T10:00:00+02:00');
    return parseOffsetDateTime(ast.value);
  }
}
