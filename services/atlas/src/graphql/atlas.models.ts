import { Field, Float, Int, ObjectType } from '@nestjs/graphql';

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

@ObjectType({ description: 'One published value of an area, after statistical secrecy.' })
export class AtlasValue {
  @Field()
  level: string;
  @Field()
  code: string;
  @Field()
  name: string;
  @Field()
  indicator: string;
  @Field(() => Float, { nullable: true, description: 'Null when withheld.' })
  value: number | null;
  @Field()
  withheld: boolean;
  @Field(() => String, { nullable: true, description: 'fewer-than-3, dominance-85 or secondary.' })
  withheldReason: string | null;
}

@ObjectType()
export class AtlasDailyValue {
  @Field({ description: 'YYYY-MM-DD' })
  day: string;
  @Field(() => Float, { nullable: true })
  value: number | null;
  @Field()
  withheld: boolean;
}

@ObjectType()
export class AtlasSectorShare {
  @Field()
  nafSection: string;
  @Field()
  label: string;
  @Field(() => Float, { nullable: true })
  value: number | null;
  @Field()
  withheld: boolean;
}

@ObjectType()
export class AtlasTierShare {
  @Field(() => Int)
  tier: number;
  @Field()
  label: string;
  @Field(() => Float, { nullable: true })
  value: number | null;
  @Field()
  withheld: boolean;
}

@ObjectType({ description: 'A process asked for by open calls for tenders delivered in the area, with no supplier declaring it in the lot’s EPCI.' })
export class AtlasGap {
  @Field({ description: 'Process taxonomy code, e.g. painting.' })
  processCode: string;
  @Field({ description: 'French name of the process.' })
  label: string;
  @Field(() => Int, { description: 'Open lots asking for it.' })
  lots: number;
  @Field(() => Int, { description: 'Open calls for tenders these lots belong to.' })
  tenders: number;
  @Field({ description: 'Every such lot has a supplier of the process in its département, only not in its EPCI.' })
  departementSupplier: boolean;
}

@ObjectType({ description: 'An area of the atlas with every indicator the caller may see.' })
export class AtlasArea {
  @Field()
  level: string;
  @Field()
  code: string;
  @Field()
  name: string;
  @Field(() => [AtlasValue])
  indicators: AtlasValue[];
  @Field(() => [AtlasSectorShare])
  sectorMix: AtlasSectorShare[];
  @Field(() => [AtlasTierShare])
  tierMix: AtlasTierShare[];
  @Field(() => [AtlasGap], { description: 'Processes asked for in the area with no local supplier (public: calls for tenders and declared processes are).' })
  gaps: AtlasGap[];
}
