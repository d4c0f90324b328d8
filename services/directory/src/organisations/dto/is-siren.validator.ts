import { registerDecorator, type ValidationOptions } from 'class-validator';
import { sirenProblem } from '../siren';

/** class-validator rule: a SIREN with 9 digits and a valid Luhn check digit. */
export function IsSiren(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isSiren',
      target: target.constructor,
      propertyName: propertyName as string,
      options,
      validator: {
        validate: (value: unknown) => typeof value === 'string' && sirenProblem(value) === null,
        defaultMessage: (args) =>
          typeof args?.value === 'string' ? (sirenProblem(args.value) ?? '') : 'must be a string of 9 digits',
      },
    });
}
