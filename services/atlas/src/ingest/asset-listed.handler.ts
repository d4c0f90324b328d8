import { Controller } from '@nestjs/common';
import { AssetKind, AssetListedSchema, Topic, type AssetListed } from '@rim/contracts';
import { OnEvent, type InboxContext } from '@rim/messaging';
import { bumpRevision, placeOf } from './places';

/** A shared asset on the map, where it stands. */
@Controller()
export class AssetListedHandler {
  @OnEvent(Topic.AssetListed, AssetListedSchema)
  async handle(event: AssetListed, { tx }: InboxContext): Promise<void> {
    const place = placeOf({ latitude: event.location?.latitude, longitude: event.location?.longitude, h3R7: event.location?.h3R7 });
    await tx.query(
      `INSERT INTO atlas_asset (id, organisation_id, kind, commune, h3r7, listed) VALUES ($1, $2, $3, $4, $5, true)
       ON CONFLICT (id) DO UPDATE SET kind = EXCLUDED.kind, commune = EXCLUDED.commune, h3r7 = EXCLUDED.h3r7, listed = true`,
      [event.assetId, event.organisationId, AssetKind[event.kind] ?? '', place.commune, place.h3r7],
    );
    await bumpRevision(tx);
  }
}
