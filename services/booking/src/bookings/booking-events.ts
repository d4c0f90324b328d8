import type { MessageInitShape } from '@bufbuild/protobuf';
import type { BookingConfirmedSchema } from '@rim/contracts';
import { wireLocation } from '../assets/asset-events';
import type { Asset } from '../assets/asset.entity';
import type { Booking } from './booking.entity';

export function wireSlot(b: Pick<Booking, 'startsAt' | 'endsAt'>): { start: string; end: string } {
  return { start: b.startsAt.toISOString(), end: b.endsAt.toISOString() };
}

export function bookingConfirmed(booking: Booking, asset: Asset): MessageInitShape<typeof BookingConfirmedSchema> {
  return {
    bookingId: booking.id,
    assetId: asset.id,
    assetOrganisationId: asset.organisationId,
    bookerOrganisationId: booking.bookerOrganisationId,
    processCode: asset.processCode,
    slot: wireSlot(booking),
    location: wireLocation(asset),
    fromWaitlist: booking.fromWaitlist,
  };
}
