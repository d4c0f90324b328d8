import { Controller } from '@nestjs/common';
import { BookingConfirmedSchema, Topic, type BookingConfirmed } from '@rim/contracts';
import { OnEvent, type InboxContext } from '@rim/messaging';
import { bumpRevision, placeOf } from './places';

/** A booking counts where the asset stands, for its owner (the one whose activity it reveals). */
@Controller()
export class BookingConfirmedHandler {
  @OnEvent(Topic.BookingConfirmed, BookingConfirmedSchema)
  async handle(event: BookingConfirmed, { tx }: InboxContext): Promise<void> {
    const place = placeOf({ latitude: event.location?.latitude, longitude: event.location?.longitude, h3R7: event.location?.h3R7 });
    // A cancellation or completion may have overtaken the confirmation: it keeps its status.
    await tx.query(
      `INSERT INTO atlas_booking (id, organisation_id, commune, h3r7, slot_start, slot_end, status)
       VALUES ($1, $2, $3, $4, $5, $6, 'CONFIRMED')
       ON CONFLICT (id) DO UPDATE SET commune = EXCLUDED.commune, h3r7 = EXCLUDED.h3r7,
         slot_start = EXCLUDED.slot_start, slot_end = EXCLUDED.slot_end`,
      [event.bookingId, event.assetOrganisationId, place.commune, place.h3r7, event.slot?.start || null, event.slot?.end || null],
    );
    await bumpRevision(tx);
  }
}
