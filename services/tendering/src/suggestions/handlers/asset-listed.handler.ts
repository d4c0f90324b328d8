import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AssetListedSchema, Topic, type AssetListed } from '@rim/contracts';
import type { EventMetadata, IntegrationEventHandler } from '@rim/messaging';
import { processCodeFromBooking } from '../process-code';

/** Machines listed in booking, by process: an organisation with a matching machine is a candidate partner. */
@Injectable()
export class AssetListedHandler implements IntegrationEventHandler<typeof AssetListedSchema> {
  readonly topic = Topic.AssetListed;
  readonly schema = AssetListedSchema;

  async handle(event: AssetListed, _meta: EventMetadata, tx: EntityManager): Promise<void> {
    const l = event.location;
    await tx.query(
      `INSERT INTO booking_asset (asset_id, organisation_id, name, process_code, latitude, longitude) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (asset_id) DO UPDATE SET name = EXCLUDED.name, process_code = EXCLUDED.process_code, latitude = EXCLUDED.latitude, longitude = EXCLUDED.longitude`,
      [event.assetId, event.organisationId, event.name, processCodeFromBooking(event.processCode), l ? l.latitude : null, l ? l.longitude : null],
    );
  }
}
