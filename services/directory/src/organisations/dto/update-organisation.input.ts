import { InputType, OmitType, PartialType } from '@nestjs/graphql';
import { RegisterOrganisationInput } from './register-organisation.input';

/**
 * The fields of {@link RegisterOrganisationInput}, each optional, with the same validation: fields
 * left out are unchanged. The SIREN never changes: a new SIREN is a new legal unit.
 */
@InputType()
export class UpdateOrganisationInput extends PartialType(OmitType(RegisterOrganisationInput, ['siren'] as const)) {}
