import { Directive, Field, Float, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { PriceModel } from '../availability/pricing';

export enum AssetKind {
  MACHINE = 'MACHINE',
  WORKBENCH = 'WORKBENCH',
  CONTAINER_PLANT = 'CONTAINER_PLANT',
  PRODUCTION_LINE = 'PRODUCTION_LINE',
  FLOOR_SPACE = 'FLOOR_SPACE',
}

registerEnumType(AssetKind, { name: 'AssetKind', description: 'Machine, workbench, container plant, idle production line or floor space.' });
registerEnumType(PriceModel, {
  name: 'PriceModel',
  description: 'HOURLY (e.g. 15 EUR/h with a coach), SUBSCRIPTION (monthly plan with an hour quota), LEASE (monthly).',
});

@ObjectType('OpeningWindow', { description: 'A weekly opening window in the asset time zone.' })
export class OpeningWindow {
  @Field(() => Int, { description: 'ISO weekday: 1 = Monday ... 7 = Sunday.' })
  day: number;

  @Field({ description: 'HH:MM' })
  opens: string;

  @Field({ description: 'HH:MM, 24:00 for midnight' })
  closes: string;
}

@ObjectType('AssetSpec', { description: 'One technical specification, e.g. bed = 1300x900 mm.' })
export class AssetSpec {
  @Field()
  name: string;

  @Field()
  value: string;
}

/** A shareable asset: belongs to its owner organisation (the org_id of whoever listed it). */
@Entity({ name: 'asset' })
@ObjectType('Asset', { description: 'A machine, bench, plant, idle line or floor space offered for booking.' })
@Directive('@key(fields: "id")')
export class Asset {
  @PrimaryColumn({ type: 'uuid' })
  @Field(() => ID)
  id: string;

  @Column({ name: 'organisation_id', type: 'uuid' })
  @Field(() => ID, { description: 'The owner organisation.' })
  organisationId: string;

  @Column({ name: 'site_id', type: 'uuid', nullable: true })
  @Field(() => ID, { nullable: true })
  siteId: string | null;

  @Column({ type: 'text' })
  @Field()
  name: string;

  @Column({ type: 'text' })
  @Field(() => AssetKind)
  kind: AssetKind;

  @Column({ name: 'process_code', type: 'text' })
  @Field({ description: 'Process offered, e.g. LASER_CUTTING, CNC_MILLING, INJECTION_MOULDING.' })
  processCode: string;

  /** Technical specifications, e.g. { bed: '1300x900 mm', power: '100 W' }; exposed as a list. */
  @Column({ type: 'jsonb' })
  specs: Record<string, string>;

  @Column({ name: 'capacity_unit', type: 'text' })
  @Field({ description: 'What one booking occupies: machine, bench, m2...' })
  capacityUnit: string;

  @Column({ type: 'boolean' })
  @Field({ description: 'A mobile asset can change location between bookings.' })
  mobile: boolean;

  @Column({ type: 'double precision', nullable: true })
  @Field(() => Float, { nullable: true })
  latitude: number | null;

  @Column({ type: 'double precision', nullable: true })
  @Field(() => Float, { nullable: true })
  longitude: number | null;

  @Column({ name: 'h3_r7', type: 'text', nullable: true })
  h3R7: string | null;

  @Column({ name: 'h3_r9', type: 'text', nullable: true })
  h3R9: string | null;

  @Column({ type: 'text' })
  @Field({ description: 'IANA time zone of the opening hours.' })
  timezone: string;

  @Column({ name: 'opening_hours', type: 'jsonb' })
  @Field(() => [OpeningWindow])
  openingHours: OpeningWindow[];

  @Column({ name: 'min_booking_minutes', type: 'int' })
  @Field(() => Int)
  minBookingMinutes: number;

  @Column({ name: 'max_booking_minutes', type: 'int' })
  @Field(() => Int)
  maxBookingMinutes: number;

  @Column({ name: 'min_notice_minutes', type: 'int' })
  @Field(() => Int)
  minNoticeMinutes: number;

  @Column({ name: 'buffer_minutes', type: 'int' })
  @Field(() => Int, { description: 'Free time kept after each booking (cleaning, cooling, set-up).' })
  bufferMinutes: number;

  @Column({ name: 'cancellation_deadline_hours', type: 'int' })
  @Field(() => Int, { description: 'The booker may cancel until this many hours before the start.' })
  cancellationDeadlineHours: number;

  @Column({ name: 'requires_approval', type: 'boolean' })
  @Field({ description: 'Bookings stay REQUESTED until the owner approves them.' })
  requiresApproval: boolean;

  @Column({ name: 'required_training_id', type: 'uuid', nullable: true })
  @Field(() => ID, { nullable: true, description: 'Only users authorised for this training (or an equivalent) may book.' })
  requiredTrainingId: string | null;

  @Column({ name: 'price_model', type: 'text' })
  @Field(() => PriceModel)
  priceModel: PriceModel;

  @Column({ name: 'hourly_rate_cents', type: 'int', nullable: true })
  @Field(() => Int, { nullable: true })
  hourlyRateCents: number | null;

  @Column({ name: 'monthly_lease_cents', type: 'int', nullable: true })
  @Field(() => Int, { nullable: true })
  monthlyLeaseCents: number | null;

  @Column({ name: 'plan_id', type: 'uuid', nullable: true })
  @Field(() => ID, { nullable: true })
  planId: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
