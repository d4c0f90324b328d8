import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** A monthly subscription plan with an hour quota (e.g. 150 EUR/month for 20 h on the fablab machines). */
@Entity({ name: 'plan' })
@ObjectType('BookingPlan', { description: 'A monthly subscription with an hour quota on the assets that use it.' })
export class Plan {
  @PrimaryColumn({ type: 'uuid' })
  @Field(() => ID)
  id: string;

  @Column({ name: 'organisation_id', type: 'uuid' })
  @Field(() => ID)
  organisationId: string;

  @Column({ type: 'text' })
  @Field()
  name: string;

  @Column({ name: 'monthly_price_cents', type: 'int' })
  @Field(() => Int)
  monthlyPriceCents: number;

  @Column({ name: 'monthly_hour_quota', type: 'int' })
  @Field(() => Int)
  monthlyHourQuota: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
