import { Field, Float, ID, ObjectType } from '@nestjs/graphql';

@ObjectType('PartnerSuggestion', { description: 'An organisation that could perform (part of) a lot, with the reasons it was chosen.' })
export class PartnerSuggestionModel {
  @Field(() => ID) organisationId: string;
  @Field(() => String, { nullable: true }) name: string | null;
  @Field(() => [String]) processesCovered: string[];
  @Field(() => Float, { nullable: true }) distanceKm: number | null;
  @Field(() => [String]) reasons: string[];
}
