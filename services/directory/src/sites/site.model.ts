import { Directive, Field, Float, ID, ObjectType } from '@nestjs/graphql';

@ObjectType('Site', { description: 'A production site (établissement) of an organisation.' })
@Directive('@key(fields: "id")')
export class SiteModel {
  @Field(() => ID)
  id: string;

  @Field(() => ID)
  organisationId: string;

  @Field()
  siret: string;

  @Field()
  name: string;

  @Field()
  addressLine: string;

  @Field()
  postcode: string;

  @Field({ description: 'INSEE commune code.' })
  communeInsee: string;

  @Field(() => String, { nullable: true, description: 'SIREN of the commune’s EPCI (intercommunality).' })
  epciSiren: string | null;

  @Field()
  departement: string;

  @Field()
  region: string;

  @Field(() => Float)
  latitude: number;

  @Field(() => Float)
  longitude: number;

  @Field({ description: 'H3 cell at resolution 7.' })
  h3R7: string;
}
