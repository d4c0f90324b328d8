import { Column, Entity, PrimaryColumn } from 'typeorm';
import { WaitlistStatus } from './booking.enums';

/** A request for a slot that was taken; the oldest matching entry gets a freed slot first. */
@Entity({ name: 'waitlist_entry' })
export class WaitlistEntry {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ name: 'asset_id', type: 'uuid' })
  assetId: string;

  @Column({ name: 'booker_organisation_id', type: 'uuid' })
  bookerOrganisationId: string;

  @Column({ name: 'booker_user_id', type: 'text' })
  bookerUserId: string;

  @Column({ name: 'starts_at', type: 'timestamptz' })
  startsAt: Date;

  @Column({ name: 'ends_at', type: 'timestamptz' })
  endsAt: Date;

  @Column({ type: 'text' })
  status: WaitlistStatus;

  @Column({ name: 'booking_id', type: 'uuid', nullable: true })
  bookingId: string | null;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
