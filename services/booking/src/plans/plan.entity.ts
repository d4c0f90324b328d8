import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** A monthly subscription plan with an hour quota (e.g. 150 EUR/month for 20 h on the fablab machines). */
@Entity({ name: 'plan' })
export class Plan {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ name: 'organisation_id', type: 'uuid' })
  organisationId: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ name: 'monthly_price_cents', type: 'int' })
  monthlyPriceCents: number;

  @Column({ name: 'monthly_hour_quota', type: 'int' })
  monthlyHourQuota: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
