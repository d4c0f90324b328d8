import { registerDecorator, type ValidationOptions } from 'class-validator';
import { referenceData } from './reference-data';

function rule(name: string, test: (value: unknown) => boolean, message: (value: unknown) => string) {
  return (options?: ValidationOptions): PropertyDecorator =>
    (target, propertyName) =>
      registerDecorator({
        name,
        target: target.constructor,
        propertyName: propertyName as string,
        options,
        validator: { validate: test, defaultMessage: (args) => message(args?.value) },
      });
}

/** A NAF rév. 2 sub-class from INSEE's published list, e.g. 25.62B. */
export const IsKnownNafCode = rule(
  'isKnownNafCode',
  (v) => typeof v === 'string' && referenceData().nafLabel(v) !== undefined,
  (v) => `${String(v)} is not a NAF rév. 2 sub-class (expected e.g. 25.62B, from INSEE's list)`,
);

/** An INSEE code of a current commune, e.g. 38185 for Grenoble. */
export const IsKnownCommune = rule(
  'isKnownCommune',
  (v) => typeof v === 'string' && referenceData().commune(v) !== undefined,
  (v) => `${String(v)} is not the INSEE code of a current commune`,
);

/** A process code of the taxonomy (data/process-taxonomy.json). */
export const IsKnownProcess = rule(
  'isKnownProcess',
  (v) => typeof v === 'string' && referenceData().process(v) !== undefined,
  (v) =>
    `${String(v)} is not in the process taxonomy (${referenceData()
      .allProcesses()
      .map((p) => p.code)
      .slice(0, 6)
      .join(', ')}, ...; see the processes query)`,
);
