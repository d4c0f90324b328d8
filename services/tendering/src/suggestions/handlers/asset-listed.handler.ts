import { Controller } from '@nestjs/common';
import { AssetListedSchema, Topic, type AssetListed } from '@rim/contracts';
import { OnEvent, type InboxContext } from '@rim/messaging';
import { processCodeFromBooking } from '../process-code';

/** Machines listed in booking, by process: an organisation with a matching machine is a candidate partner. */
@Controller()
export class AssetListedHandler {
  @OnEvent(Topic.AssetListed, AssetListedSchema)
  async handle(event: AssetListed, { tx }: InboxContext): Promise<void> {
    const l = event.location;
    await tx.query(
      `INSERT INTO booking_asset (asset_id, organisation_id, name, process_code, latitude, longitude) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (asset_id) DO UPDATE SET name = EXCLUDED.name, process_code = EXCLUDED.process_code, latitude = EXCLUDED.latitude, longitude = EXCLUDED.longitude`,
      [event.assetId, event.organisationId, event.name, processCodeFromBooking(event.processCode), l ? l.latitude : null, l ? l.longitude : null],
    );
  }
}
