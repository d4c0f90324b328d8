import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AssetKind, AssetListedSchema, Topic, type AssetListed } from '@rim/contracts';
import type { EventMetadata, IntegrationEventHandler } from '@rim/messaging';
import { bumpRevision, placeOf } from './places';

/** A shared asset on the map, where it stands. */
@Injectable()
export class AssetListedHandler implements IntegrationEventHandler<typeof AssetListedSchema> {
  readonly topic = Topic.AssetListed;
  readonly schema = AssetListedSchema;

  async handle(event: AssetListed, _meta: EventMetadata, tx: EntityManager): Promise<void> {
    const place = placeOf({ latitude: event.location?.latitude, longitude: event.location?.longitude, h3R7: event.location?.h3R7 });
    await tx.query(
      `INSERT INTO atlas_asset (id, organisation_id, kind, commune, h3r7, listed) VALUES ($1, $2, $3, $4, $5, true)
       ON CONFLICT (id) DO UPDATE SET kind = EXCLUDED.kind, commune = EXCLUDED.commune, h3r7 = EXCLUDED.h3r7, listed = true`,
      [event.assetId, event.organisationId, AssetKind[event.kind] ?? '', place.commune, place.h3r7],
    );
    await bumpRevision(tx);
  }
}
