import { Field, Float, ObjectType } from '@nestjs/graphql';
import { OrganisationModel } from '../organisations/organisation.model';
import { SiteModel } from '../sites/site.model';

@ObjectType('SupplierMatch')
export class SupplierMatchModel {
  @Field(() => OrganisationModel)
  organisation: OrganisationModel;

  @Field(() => SiteModel, { nullable: true, description: 'The nearest matching site.' })
  site: SiteModel | null;

  @Field(() => Float, { nullable: true, description: 'Great-circle distance from the search centre, km.' })
  distanceKm: number | null;

  @Field(() => Float, { nullable: true, description: 'Spare capacity declared in the window asked (find a substitute).' })
  freeCapacity?: number | null;

  @Field(() => [String], { nullable: true, description: 'Materials shared with the reference capability (find a substitute).' })
  sharedMaterials?: string[] | null;
}

@ObjectType('SupplierMatchEdge')
export class SupplierMatchEdge {
  @Field()
  cursor: string;

  @Field(() => SupplierMatchModel)
  node: SupplierMatchModel;
}

@ObjectType('SupplierMatchConnection')
export class SupplierMatchConnection {
  @Field(() => [SupplierMatchEdge])
  edges: SupplierMatchEdge[];

  @Field(() => String, { nullable: true })
  endCursor: string | null;

  @Field()
  hasNextPage: boolean;
}
