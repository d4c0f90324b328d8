import { Field, Float, ObjectType } from '@nestjs/graphql';

@ObjectType({ description: 'An indicator of the atlas.' })
export class AtlasIndicator {
  @Field()
  key: string;
  @Field()
  label: string;
  @Field()
  unit: string;
  @Field({ description: 'Served to anyone; the others only to the authority and operator roles.' })
  public: boolean;
  @Field(() => Float, { description: 'Published values are multiples of this step.' })
  step: number;
  @Field({ description: 'A business statistic under statistical secrecy; the others count public facts and are exact.' })
  secrecy: boolean;
}
