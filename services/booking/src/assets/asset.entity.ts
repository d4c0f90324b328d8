import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { WeeklyWindow } from '../availability/time-intervals';
import { PriceModel } from '../availability/pricing';
import { AssetKind } from './asset.enums';

/** A shareable asset: belongs to its owner organisation (the org_id of whoever listed it). */
@Entity({ name: 'asset' })
export class Asset {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ name: 'organisation_id', type: 'uuid' })
  organisationId: string;

  @Column({ name: 'site_id', type: 'uuid', nullable: true })
  siteId: string | null;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text' })
  kind: AssetKind;

  @Column({ name: 'process_code', type: 'text' })
  processCode: string;

  /** Technical specifications, e.g. { bed: '1300x900 mm', power: '100 W' }; exposed as a list. */
  @Column({ type: 'jsonb' })
  specs: Record<string, string>;

  @Column({ name: 'capacity_unit', type: 'text' })
  capacityUnit: string;

  @Column({ type: 'boolean' })
  mobile: boolean;

  @Column({ type: 'double precision', nullable: true })
  latitude: number | null;

  @Column({ type: 'double precision', nullable: true })
  longitude: number | null;

  @Column({ name: 'h3_r7', type: 'text', nullable: true })
  h3R7: string | null;

  @Column({ name: 'h3_r9', type: 'text', nullable: true })
  h3R9: string | null;

  @Column({ type: 'text' })
  timezone: string;

  @Column({ name: 'opening_hours', type: 'jsonb' })
  openingHours: WeeklyWindow[];

  @Column({ name: 'min_booking_minutes', type: 'int' })
  minBookingMinutes: number;

  @Column({ name: 'max_booking_minutes', type: 'int' })
  maxBookingMinutes: number;

  @Column({ name: 'min_notice_minutes', type: 'int' })
  minNoticeMinutes: number;

  @Column({ name: 'buffer_minutes', type: 'int' })
  bufferMinutes: number;

  @Column({ name: 'cancellation_deadline_hours', type: 'int' })
  cancellationDeadlineHours: number;

  @Column({ name: 'requires_approval', type: 'boolean' })
  requiresApproval: boolean;

  @Column({ name: 'required_training_id', type: 'uuid', nullable: true })
  requiredTrainingId: string | null;

  @Column({ name: 'price_model', type: 'text' })
  priceModel: PriceModel;

  @Column({ name: 'hourly_rate_cents', type: 'int', nullable: true })
  hourlyRateCents: number | null;

  @Column({ name: 'monthly_lease_cents', type: 'int', nullable: true })
  monthlyLeaseCents: number | null;

  @Column({ name: 'plan_id', type: 'uuid', nullable: true })
  planId: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
