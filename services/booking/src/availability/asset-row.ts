import type { SlotAsset } from './territory-slots';
import type { WeeklyWindow } from './time-intervals';

/** What freeSlots reads of an asset row (to_jsonb of asset), and the row, to make the entity of an answered one. */
export interface AssetRow extends SlotAsset {
  latitude: number | null;
  longitude: number | null;
  row: Record<string, unknown>;
}

export function assetRow(row: Record<string, unknown>): AssetRow {
  return {
    id: row.id as string,
    timezone: row.timezone as string,
    openingHours: row.opening_hours as WeeklyWindow[],
    minBookingMinutes: row.min_booking_minutes as number,
    maxBookingMinutes: row.max_booking_minutes as number,
    bufferMinutes: row.buffer_minutes as number,
    minNoticeMinutes: row.min_notice_minutes as number,
    latitude: row.latitude as number | null,
    longitude: row.longitude as number | null,
    row,
  };
}
