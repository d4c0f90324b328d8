import { Directive, Field, ID, ObjectType } from '@nestjs/graphql';

/**
 * The directory's `Organisation`, as booking extends it (`Organisation.assets`) and points at it
 * (`Asset.organisation`, `Booking.booker`); every other field comes from the directory.
 */
@ObjectType('Organisation')
@Directive('@key(fields: "id")')
export class OrganisationRef {
  @Field(() => ID)
  id: string;
}
