import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import type { Plan } from './plan.entity';

@ObjectType('BookingPlan', { description: 'A monthly subscription with an hour quota on the assets that use it.' })
export class PlanModel {
  @Field(() => ID) id: string;
  @Field(() => ID) organisationId: string;
  @Field() name: string;
  @Field(() => Int) monthlyPriceCents: number;
  @Field(() => Int) monthlyHourQuota: number;
}

export function planModel(p: Plan): PlanModel {
  return { id: p.id, organisationId: p.organisationId, name: p.name, monthlyPriceCents: p.monthlyPriceCents, monthlyHourQuota: p.monthlyHourQuota };
}
