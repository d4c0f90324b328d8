import { registerDecorator, type ValidationArguments, type ValidationOptions } from 'class-validator';

/**
 * The property must be a date strictly after the named sibling property, so a reversed window is
 * refused by the validation pipe, naming the field, before any query runs.
 *
 * @example
 * class WindowInput { @IsDate() startsAt: Date; @IsDate() @IsAfter('startsAt') endsAt: Date; }
 */
export function IsAfter(sibling: string, options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isAfter',
      target: target.constructor,
      propertyName: propertyName as string,
      constraints: [sibling],
      options: { message: `must be after ${sibling}`, ...options },
      validator: {
        validate(value: unknown, args: ValidationArguments) {
          const other = (args.object as Record<string, unknown>)[sibling];
          // A missing or malformed sibling is reported by its own validators, not twice here.
          if (!(value instanceof Date) || !(other instanceof Date)) return true;
          return value.getTime() > other.getTime();
        },
      },
    });
}
