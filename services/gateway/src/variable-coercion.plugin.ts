import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import {
  coerceInputValue,
  getOperationAST,
  GraphQLError,
  isInputType,
  isNonNullType,
  typeFromAST,
  type DocumentNode,
  type GraphQLSchema,
} from 'graphql';
import { BadInputError, type FieldProblem } from '@rim/service-kit';

/** Fields whose name graphql-js puts in the message rather than in the path it reports. */
const NAMED_FIELD = /^Field "(\w+)" (?:of required type|is not defined by type)/;

const joinPath = (path: ReadonlyArray<string | number>) =>
  path.map((key, i) => (typeof key === 'number' ? `[${key}]` : i === 0 ? key : `.${key}`)).join('');

/**
 * Every problem with the variables of the operation, each with the path of the bad value
 * (`input.sizeBand`, `input.items[2].quantity`) and graphql-js' reason. Empty when they coerce.
 */
export function variableProblems(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | null | undefined,
  variables: Record<string, unknown> | null | undefined,
  options: { suggestions: boolean } = { suggestions: true },
): FieldProblem[] {
  const operation = getOperationAST(document, operationName);
  if (!operation) return [];
  const problems: FieldProblem[] = [];
  const values = variables ?? {};
  const reasonOf = (message: string) => (options.suggestions ? message : message.replace(/\s*Did you mean .*$/s, ''));
  for (const definition of operation.variableDefinitions ?? []) {
    const name = definition.variable.name.value;
    const type = typeFromAST(schema, definition.type as never);
    // An unknown or output type is a validation error, already reported by graphql-js.
    if (!type || !isInputType(type)) continue;
    const provided = Object.prototype.hasOwnProperty.call(values, name) && values[name] !== undefined;
    if (!provided) {
      if (isNonNullType(type) && !definition.defaultValue) problems.push({ field: name, reason: `required ${String(type)} was not provided` });
      continue;
    }
    if (values[name] === null && isNonNullType(type)) {
      problems.push({ field: name, reason: `must not be null (type ${String(type)})` });
      continue;
    }
    coerceInputValue(values[name], type, (path, _value, error) => {
      const named = NAMED_FIELD.exec(error.message);
      const field = joinPath([name, ...path, ...(named ? [named[1]] : [])]);
      problems.push({ field, reason: reasonOf(error.message) });
    });
  }
  return problems;
}

/**
 * Variables are coerced here, before planning, so that a wrong enum value, a wrong type or a
 * missing required field sent in `variables` is the caller's mistake: 400, BAD_USER_INPUT, the
 * path of the bad field. The Rust planner coerces them too, but its errors carry an
 * `originalError` and no code, so the masking took them for internal failures (issue 14), while
 * the same mistake written inline was a validation error.
 */
export function variableCoercionPlugin(options: { suggestions: boolean }): GatewayPlugin {
  return {
    onExecute({ args, setResultAndStopExecution }) {
      const problems = variableProblems(args.schema, args.document, args.operationName, args.variableValues, options);
      if (!problems.length) return;
      const refusal = new BadInputError(problems);
      setResultAndStopExecution({
        errors: [new GraphQLError(refusal.message, { extensions: { ...refusal.extensions, http: { status: 400 } } })],
      });
    },
  };
}
