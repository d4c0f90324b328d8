import { registerDecorator, type ValidationOptions } from 'class-validator';
import { siretProblem } from '../siret';

/** class-validator rule: a SIRET with 14 digits and a valid check digit. */
export function IsSiret(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isSiret',
      target: target.constructor,
      propertyName: propertyName as string,
      options,
      validator: {
        validate: (value: unknown) => typeof value === 'string' && siretProblem(value) === null,
        defaultMessage: (args) =>
          typeof args?.value === 'string' ? (siretProblem(args.value) ?? '') : 'must be a string of 14 digits',
      },
    });
}
