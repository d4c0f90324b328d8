import { Directive, Field, ID, ObjectType } from '@nestjs/graphql';

/**
 * The directory's `Organisation`, as logistics extends it (`Organisation.trips`,
 * `Organisation.openShipments`) and points at it (`Trip.owner`, `Shipment.shipper`); every other
 * field comes from the directory.
 */
@ObjectType('Organisation')
@Directive('@key(fields: "id")')
export class OrganisationRef {
  @Field(() => ID)
  id: string;
}
