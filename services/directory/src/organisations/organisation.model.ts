import { Directive, Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { SizeBand, Visibility } from './organisation.entity';

registerEnumType(Visibility, {
  name: 'Visibility',
  description: 'PUBLIC: anyone; MEMBERS: any signed-in user; PARTNERS: your organisation and those you grant.',
});

registerEnumType(SizeBand, {
  name: 'SizeBand',
  description: 'MICRO <10 people (TPE), SMALL 10-49, MEDIUM 50-249, INTERMEDIATE 250-4999 (ETI), LARGE.',
});

@ObjectType('Organisation', { description: 'A legal entity listed in the regional directory.' })
@Directive('@key(fields: "id")')
export class OrganisationModel {
  @Field(() => ID)
  id: string;

  @Field({ description: 'INSEE SIREN, 9 digits.' })
  siren: string;

  @Field()
  legalName: string;

  @Field(() => String, { nullable: true })
  tradingName: string | null;

  @Field({ description: 'NAF rév. 2 / APE code, e.g. 25.62B.' })
  nafCode: string;

  @Field(() => SizeBand)
  sizeBand: SizeBand;

  @Field(() => Int, { description: 'Supply-chain tier: 1, 2 or 3.' })
  tier: number;

  // description, knowHow and clientReferences are resolved with their visibility (OrganisationProfileResolver).
  description: string | null;
  knowHow: string | null;
  clientReferences: string | null;

  @Field(() => Visibility)
  descriptionVisibility: Visibility;

  @Field(() => Visibility)
  knowHowVisibility: Visibility;

  @Field(() => Visibility)
  clientReferencesVisibility: Visibility;

  @Field()
  registeredAt: Date;
}

@ObjectType('OrganisationEdge')
export class OrganisationEdge {
  @Field()
  cursor: string;

  @Field(() => OrganisationModel)
  node: OrganisationModel;
}

@ObjectType('OrganisationConnection')
export class OrganisationConnection {
  @Field(() => [OrganisationEdge])
  edges: OrganisationEdge[];

  @Field(() => String, { nullable: true, description: 'Pass as `after` to get the next page.' })
  endCursor: string | null;

  @Field()
  hasNextPage: boolean;
}
