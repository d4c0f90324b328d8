import { Controller } from '@nestjs/common';
import { CapacityHoldChangedSchema, CapacityHoldStatus, Topic, type CapacityHoldChanged } from '@rim/contracts';
import { OnEvent, type InboxContext } from '@rim/messaging';

/**
 * Records booking's answer to a hold request, and every later change of that hold (decision 0111).
 * The topic is keyed by the bid, so one bid's changes arrive in order: the last one read stands.
 */
@Controller()
export class CapacityHoldChangedHandler {
  @OnEvent(Topic.CapacityHoldChanged, CapacityHoldChangedSchema)
  async handle(event: CapacityHoldChanged, { tx }: InboxContext): Promise<void> {
    const status = CapacityHoldStatus[event.status];
    if (event.status === CapacityHoldStatus.UNSPECIFIED) return;
    await tx.query(
      `UPDATE bid_capacity_hold
          SET status = $4, reason = $5, asset_id = coalesce(nullif($6, '')::uuid, asset_id), asset_name = coalesce(nullif($7, ''), asset_name),
              starts_at = coalesce($8::timestamptz, starts_at), ends_at = coalesce($9::timestamptz, ends_at),
              booking_id = coalesce(nullif($10, '')::uuid, booking_id), updated_at = now()
        WHERE bid_id = $1 AND lot_id = $2 AND organisation_id = $3`,
      [event.bidId, event.lotId, event.organisationId, status, event.reason, event.assetId, event.assetName,
        event.slot?.start || null, event.slot?.end || null, event.bookingId],
    );
  }
}
