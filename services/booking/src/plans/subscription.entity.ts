import { Column, Entity, PrimaryColumn } from 'typeorm';

/** An organisation subscribed to a plan. */
@Entity({ name: 'subscription' })
export class Subscription {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ name: 'plan_id', type: 'uuid' })
  planId: string;

  @Column({ name: 'subscriber_organisation_id', type: 'uuid' })
  subscriberOrganisationId: string;

  @Column({ name: 'started_at', type: 'timestamptz' })
  startedAt: Date;
}
