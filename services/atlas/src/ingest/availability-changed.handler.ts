import { Controller } from '@nestjs/common';
import { AvailabilityChangedSchema, Topic, type AvailabilityChanged } from '@rim/contracts';
import { OnEvent, type InboxContext } from '@rim/messaging';
import { bumpRevision, placeOf } from './places';

/** Weekly open hours: the denominator of utilisation. May arrive before the listing (other topic). */
@Controller()
export class AvailabilityChangedHandler {
  @OnEvent(Topic.AvailabilityChanged, AvailabilityChangedSchema)
  async handle(event: AvailabilityChanged, { tx }: InboxContext): Promise<void> {
    const place = placeOf({ latitude: event.location?.latitude, longitude: event.location?.longitude, h3R7: event.location?.h3R7 });
    await tx.query(
      `INSERT INTO atlas_asset (id, organisation_id, commune, h3r7, weekly_open_hours) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (id) DO UPDATE SET weekly_open_hours = EXCLUDED.weekly_open_hours,
         commune = COALESCE(EXCLUDED.commune, atlas_asset.commune), h3r7 = COALESCE(EXCLUDED.h3r7, atlas_asset.h3r7)`,
      [event.assetId, event.organisationId, place.commune, place.h3r7, Math.max(0, event.weeklyOpenHours)],
    );
    await bumpRevision(tx);
  }
}
