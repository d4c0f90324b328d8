import { Field, ObjectType } from '@nestjs/graphql';

@ObjectType('AssetSpec', { description: 'One technical specification, e.g. bed = 1300x900 mm.' })
export class AssetSpecModel {
  @Field() name: string;
  @Field() value: string;
}
