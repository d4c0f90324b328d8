import { ValidationPipe, type ValidationError } from '@nestjs/common';
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
 * every bad field, before any write happens. Unknown properties are refused, not silently dropped.
 *
 * @example
 * app.useGlobalPipes(inputValidationPipe());
 */
export function inputValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    transform: true,
    whitelist: true,
    forbidNonWhitelisted: true,
    stopAtFirstError: false,
    exceptionFactory: (errors) => new BadInputError(flatten(errors, 'input')),
  });
}
