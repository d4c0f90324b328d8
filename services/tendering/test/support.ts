import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { ocdsSchemas } from '../src/ocds/ocds-schema';

/** The OCDS 1.1.5 release package validator with the lots, bid and consortium extensions (ajv 8, ajv-formats). */
export function ocdsPackageValidator(): ValidateFunction {
  const { release, releasePackage } = ocdsSchemas();
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  ajv.addSchema(release);
  return ajv.compile(releasePackage);
}
