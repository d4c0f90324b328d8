import { Controller } from '@nestjs/common';
import { ShipmentDeliveredSchema, Topic, type ShipmentDelivered } from '@rim/contracts';
import { OnEvent, type InboxContext } from '@rim/messaging';
import { bumpRevision, placeOf } from './places';

/**
 * CO2 and km avoided, and the pallets and crates pooled, count once delivered (an accepted offer
 * may still fall through), at the pickup.
 */
@Controller()
export class ShipmentDeliveredHandler {
  @OnEvent(Topic.ShipmentDelivered, ShipmentDeliveredSchema)
  async handle(event: ShipmentDelivered, { tx }: InboxContext): Promise<void> {
    const pickup = placeOf(event.pickup ?? {});
    await tx.query(
      `INSERT INTO atlas_shipment (id, organisation_id, commune, h3r7, co2_avoided_kg, km_avoided, delivered_at, pallets, crates)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (id) DO NOTHING`,
      [
        event.shipmentId,
        event.shipperOrganisationId,
        pickup.commune,
        pickup.h3r7,
        Math.max(0, event.co2AvoidedKg),
        Math.max(0, event.kmAvoided),
        event.deliveredAt || null,
        event.quantities?.pallets ?? 0,
        event.quantities?.crates ?? 0,
      ],
    );
    await bumpRevision(tx);
  }
}
