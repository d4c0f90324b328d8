import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { BookingStatus } from './booking.enums';

/**
 * A slot of an asset's time. `slot` is [startsAt, endsAt + asset buffer): the exclusion
 * constraint `booking_no_overlap` keeps confirmed slots of one asset disjoint. An entity of the graph:
 * logistics adds `coDelivery`; only the booker's and the asset owner's organisations reach it.
 */
@Entity({ name: 'booking' })
export class Booking {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ name: 'asset_id', type: 'uuid' })
  assetId: string;

  @Column({ name: 'asset_organisation_id', type: 'uuid' })
  assetOrganisationId: string;

  @Column({ name: 'booker_organisation_id', type: 'uuid' })
  bookerOrganisationId: string;

  @Column({ name: 'booker_user_id', type: 'text' })
  bookerUserId: string;

  @Column({ type: 'text' })
  status: BookingStatus;

  @Column({ name: 'starts_at', type: 'timestamptz' })
  startsAt: Date;

  @Column({ name: 'ends_at', type: 'timestamptz' })
  endsAt: Date;

  @Column({ type: 'tstzrange' })
  slot: string;

  @Column({ name: 'price_cents', type: 'int' })
  priceCents: number;

  @Column({ name: 'plan_id', type: 'uuid', nullable: true })
  planId: string | null;

  @Column({ name: 'from_waitlist', type: 'boolean' })
  fromWaitlist: boolean;

  @Column({ name: 'cancellation_reason', type: 'text', nullable: true })
  cancellationReason: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
