import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import type { Training } from './training.entity';

@ObjectType('Training', { description: 'A training an asset owner requires before anyone books the asset.' })
export class TrainingModel {
  @Field(() => ID) id: string;
  @Field(() => ID, { description: 'The organisation that runs the training.' }) organisationId: string;
  @Field() name: string;
  @Field(() => Int, { description: 'An authorisation lapses after this many months without a booking.' }) expiresAfterUnusedMonths: number;
}

export function trainingModel(t: Training): TrainingModel {
  return { id: t.id, organisationId: t.organisationId, name: t.name, expiresAfterUnusedMonths: t.expiresAfterUnusedMonths };
}
