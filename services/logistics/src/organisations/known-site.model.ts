import { Field, Float, ID, ObjectType } from '@nestjs/graphql';

@ObjectType('KnownSite', { description: 'A site of an organisation as the directory announced it.' })
export class KnownSiteModel {
  @Field(() => ID) id: string;
  @Field() name: string;
  @Field(() => Float, { nullable: true }) latitude: number | null;
  @Field(() => Float, { nullable: true }) longitude: number | null;
  @Field(() => String, { nullable: true }) communeInsee: string | null;
}
