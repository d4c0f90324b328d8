import { Field, ID, Int, ObjectType } from '@nestjs/graphql';

@ObjectType('Capability')
export class CapabilityModel {
  @Field(() => ID)
  id: string;

  @Field(() => ID)
  siteId: string;

  @Field()
  processCode: string;

  @Field(() => [String])
  materials: string[];

  @Field(() => [String])
  certifications: string[];

  @Field(() => Int)
  minBatch: number;

  @Field(() => Int)
  maxBatch: number;

  @Field(() => Int)
  leadTimeDays: number;
}

@ObjectType('Process', { description: 'An entry of the process taxonomy.' })
export class ProcessModel {
  @Field()
  code: string;

  @Field()
  label: string;

  @Field()
  family: string;
}
