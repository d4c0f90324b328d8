import type { AssetLocation } from '@rim/contracts';
import { AssetKind as WireAssetKind } from '@rim/contracts';
import type { MessageInitShape } from '@bufbuild/protobuf';
import type { AssetLocationSchema } from '@rim/contracts';
import { parseClock, type WeeklyWindow } from '../availability/time-intervals';
import type { Asset } from './asset.entity';
import { AssetKind } from './asset.enums';

export const WIRE_ASSET_KIND: Record<AssetKind, WireAssetKind> = {
  [AssetKind.MACHINE]: WireAssetKind.MACHINE,
  [AssetKind.WORKBENCH]: WireAssetKind.WORKBENCH,
  [AssetKind.CONTAINER_PLANT]: WireAssetKind.CONTAINER_PLANT,
  [AssetKind.PRODUCTION_LINE]: WireAssetKind.PRODUCTION_LINE,
  [AssetKind.FLOOR_SPACE]: WireAssetKind.FLOOR_SPACE,
};

export function wireLocation(asset: Asset): MessageInitShape<typeof AssetLocationSchema> {
  return {
    latitude: asset.latitude ?? 0,
    longitude: asset.longitude ?? 0,
    h3R7: asset.h3R7 ?? '',
    h3R9: asset.h3R9 ?? '',
    siteId: asset.siteId ?? '',
  };
}

export function weeklyOpenHours(windows: WeeklyWindow[]): number {
  return windows.reduce((sum, w) => sum + (parseClock(w.closes) - parseClock(w.opens)) / 60, 0);
}

export type { AssetLocation };
