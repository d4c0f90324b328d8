import { GraphQLError, Kind, visit, type ASTNode, type ValidationContext } from 'graphql';

/** Which of graphql-armor's validation limits refused the operation. */
export type ArmorLimit = 'depth' | 'cost' | 'aliases' | 'directives';

/** The list-size arguments graphql-armor's cost rule multiplies by (its own rule, literal values only). */
const LIST_SIZE_ARGUMENTS = new Set(['first', 'last']);

interface ListSize {
  field: string;
  argument: string;
  size: number;
}

/** The largest literal `first`/`last` in the document: the usual reason a cost is too high. */
export function largestListSize(document: ASTNode): ListSize | undefined {
  let largest: ListSize | undefined;
  visit(document, {
    Field(field) {
      for (const argument of field.arguments ?? []) {
        if (!LIST_SIZE_ARGUMENTS.has(argument.name.value) || argument.value.kind !== Kind.INT) continue;
        const size = Number.parseInt(argument.value.value, 10);
        if (!largest || size > largest.size) largest = { field: field.name.value, argument: argument.name.value, size };
      }
    },
  });
  return largest;
}

/**
 * graphql-armor 3.2 writes every refusal as `Syntax Error: ...` although depth, cost, aliases and
 * directives are checked during validation, after the query parsed fine (issue 14). The refusal
 * is reported to the validation context instead, without that prefix, with `extensions.limit`
 * saying which limit, and for cost the argument that made it (`first: 100000` on `organisations`),
 * since that is what the caller has to change.
 */
export function armorRefusal(limit: ArmorLimit): (context: ValidationContext | null, error: GraphQLError) => void {
  return (context, error) => {
    if (!context) return;
    let message = error.message.replace(/^Syntax Error: /, '');
    const extensions: Record<string, unknown> = { code: 'GRAPHQL_VALIDATION_FAILED', limit };
    if (limit === 'cost') {
      const culprit = largestListSize(context.getDocument());
      if (culprit && culprit.size > 1) {
        message += ` The largest list asked for is ${culprit.argument}: ${culprit.size} on field "${culprit.field}"; ask for fewer items per page.`;
        extensions.field = culprit.field;
        extensions.argument = culprit.argument;
      }
    }
    context.reportError(new GraphQLError(message, { extensions }));
  };
}
