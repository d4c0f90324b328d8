import { Field, ID, ObjectType } from '@nestjs/graphql';
import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity({ name: 'subscription' })
@ObjectType('PlanSubscription', { description: 'An organisation subscribed to a plan.' })
export class Subscription {
  @PrimaryColumn({ type: 'uuid' })
  @Field(() => ID)
  id: string;

  @Column({ name: 'plan_id', type: 'uuid' })
  @Field(() => ID)
  planId: string;

  @Column({ name: 'subscriber_organisation_id', type: 'uuid' })
  @Field(() => ID)
  subscriberOrganisationId: string;

  @Column({ name: 'started_at', type: 'timestamptz' })
  @Field()
  startedAt: Date;
}
