import { Field, ID, ObjectType } from '@nestjs/graphql';
import type { Subscription } from './subscription.entity';

@ObjectType('PlanSubscription', { description: 'An organisation subscribed to a plan.' })
export class PlanSubscriptionModel {
  @Field(() => ID) id: string;
  @Field(() => ID) planId: string;
  @Field(() => ID) subscriberOrganisationId: string;
  @Field() startedAt: Date;
}

export function planSubscriptionModel(s: Subscription): PlanSubscriptionModel {
  return { id: s.id, planId: s.planId, subscriberOrganisationId: s.subscriberOrganisationId, startedAt: s.startedAt };
}
