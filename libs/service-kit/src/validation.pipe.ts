import { ValidationPipe, type ArgumentMetadata, type ValidationError } from '@nestjs/common';
import { BadInputError, type FieldProblem } from './bad-input.error';

function flatten(errors: ValidationError[], prefix: string): FieldProblem[] {
  return errors.flatMap((e) => {
    const field = prefix ? `${prefix}.${e.property}` : e.property;
    const own = Object.values(e.constraints ?? {}).map((reason) => ({ field, reason }));
    return [...own, ...flatten(e.children ?? [], field)];
  });
}

/**
 * Validates resolver arguments with class-validator and answers with one BadInputError naming
 * every bad field by its path from the argument (`input.siren`, `filter.radiusKm`), before any
 * write happens. Unknown properties are refused, not silently dropped.
 */
class FieldNamingValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    try {
      return await super.transform(value, metadata);
    } catch (error) {
      if (error instanceof BadInputError && metadata.data) {
        throw new BadInputError(error.problems.map((p) => ({ ...p, field: `${metadata.data}.${p.field}` })));
      }
      throw error;
    }
  }
}

/**
 * The validation pipe every service installs globally.
 *
 * @example
 * providers: [{ provide: APP_PIPE, useFactory: inputValidationPipe }]
 */
export function inputValidationPipe(): ValidationPipe {
  return new FieldNamingValidationPipe({
    transform: true,
    whitelist: true,
    forbidNonWhitelisted: true,
    stopAtFirstError: false,
    exceptionFactory: (errors) => new BadInputError(flatten(errors, '')),
  });
}
