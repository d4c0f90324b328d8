import { Field, Int, ObjectType } from '@nestjs/graphql';

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
