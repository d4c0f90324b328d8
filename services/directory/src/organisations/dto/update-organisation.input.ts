import { InputType, OmitType, PartialType } from '@nestjs/graphql';
import { RegisterOrganisationInput } from './register-organisation.input';

/**
 * The fields of {@link RegisterOrganisationInput}, each optional, with the same validation: fields
 * left out are unchanged. The SIREN never changes: a new SIREN is a new legal unit.
 *
 * `skipNullProperties: false`: only a field left out skips its rules. A null is checked like any
 * value, so it passes for the fields registration marks optional (tradingName: cleared) and is
 * refused for the others (legalName, nafCode, sizeBand, tier), which every organisation has.
 */
@InputType()
export class UpdateOrganisationInput extends PartialType(OmitType(RegisterOrganisationInput, ['siren'] as const), {
  skipNullProperties: false,
}) {}
