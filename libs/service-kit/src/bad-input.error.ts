import { GraphQLError } from 'graphql';

/** One rejected field: its path in the input (`input.siren`) and why, in words a user can act on. */
export interface FieldProblem {
  field: string;
  reason: string;
}

/**
 * A rejection of the caller's input. Surfaces as a GraphQL error with code `BAD_USER_INPUT`, a
 * message naming every field, and `extensions.fields` for programs.
 *
 * @example
 * throw new BadInputError([{ field: 'input.siren', reason: 'fails the Luhn checksum' }]);
 */
export class BadInputError extends GraphQLError {
  constructor(readonly problems: FieldProblem[]) {
    super(problems.map((p) => `${p.field}: ${p.reason}`).join('; '), {
      extensions: { code: 'BAD_USER_INPUT', fields: problems },
    });
    this.name = 'BadInputError';
  }
}

/**
 * The request is valid but conflicts with the current state (already registered, slot taken...).
 *
 * @example
 * throw new ConflictError('input.siren', 'an organisation with SIREN 732829320 is already registered');
 */
export class ConflictError extends GraphQLError {
  constructor(field: string, reason: string) {
    super(`${field}: ${reason}`, { extensions: { code: 'CONFLICT', fields: [{ field, reason }] } });
    this.name = 'ConflictError';
  }
}

/**
 * The thing asked for does not exist (or the caller may not know it exists).
 *
 * @example
 * throw new NotFoundError('organisation', id);
 */
export class NotFoundError extends GraphQLError {
  constructor(what: string, id: string) {
    super(`${what} ${id} not found`, { extensions: { code: 'NOT_FOUND' } });
    this.name = 'NotFoundError';
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Refuses an id argument that is not a UUID before it reaches the database (where it would be an
 * internal error rather than the caller's mistake).
 *
 * @example
 * requireUuid('id', id);
 */
/** Whether a value is a UUID, e.g. to drop foreign keys of `_entities` before they reach SQL. */
export function isUuid(value: unknown): value is string {
  return typeof value === 'string' && UUID.test(value);
}

export function requireUuid(field: string, value: string): string {
  if (!UUID.test(value)) throw new BadInputError([{ field, reason: 'must be a UUID' }]);
  return value;
}
