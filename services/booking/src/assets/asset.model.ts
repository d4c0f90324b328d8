import { Directive, Field, Float, ID, Int, ObjectType } from '@nestjs/graphql';
import { PriceModel } from '../availability/pricing';
import { AssetKind } from './asset.enums';
import type { Asset } from './asset.entity';
import { AssetSpecModel } from './asset-spec.model';
import { OpeningWindowModel } from './opening-window.model';

/**
 * `utilisation`, `organisation` and `site` are added by AssetsResolver; they follow `specs` in the
 * SDL because resolver fields come after the fields of the class.
 */
@ObjectType('Asset', { description: 'A machine, bench, plant, idle line or floor space offered for booking.' })
@Directive('@key(fields: "id")')
export class AssetModel {
  @Field(() => ID) id: string;
  @Field(() => ID, { description: 'The owner organisation.' }) organisationId: string;
  @Field(() => ID, { nullable: true }) siteId: string | null;
  @Field() name: string;
  @Field(() => AssetKind) kind: AssetKind;
  @Field({ description: 'Process offered, e.g. LASER_CUTTING, CNC_MILLING, INJECTION_MOULDING.' }) processCode: string;
  @Field({ description: 'What one booking occupies: machine, bench, m2...' }) capacityUnit: string;
  @Field({ description: 'A mobile asset can change location between bookings.' }) mobile: boolean;
  @Field(() => Float, { nullable: true }) latitude: number | null;
  @Field(() => Float, { nullable: true }) longitude: number | null;
  @Field({ description: 'IANA time zone of the opening hours.' }) timezone: string;
  @Field(() => [OpeningWindowModel]) openingHours: OpeningWindowModel[];
  @Field(() => Int) minBookingMinutes: number;
  @Field(() => Int) maxBookingMinutes: number;
  @Field(() => Int) minNoticeMinutes: number;
  @Field(() => Int, { description: 'Free time kept after each booking (cleaning, cooling, set-up).' }) bufferMinutes: number;
  @Field(() => Int, { description: 'The booker may cancel until this many hours before the start.' }) cancellationDeadlineHours: number;
  @Field({ description: 'Bookings stay REQUESTED until the owner approves them.' }) requiresApproval: boolean;
  @Field(() => ID, { nullable: true, description: 'Only users authorised for this training (or an equivalent) may book.' }) requiredTrainingId: string | null;
  @Field(() => PriceModel) priceModel: PriceModel;
  @Field(() => Int, { nullable: true }) hourlyRateCents: number | null;
  @Field(() => Int, { nullable: true }) monthlyLeaseCents: number | null;
  @Field(() => ID, { nullable: true }) planId: string | null;
  /** Stored as one map (name -> value); answered as a list. */
  @Field(() => [AssetSpecModel]) specs: AssetSpecModel[];
}

export function assetModel(a: Asset): AssetModel {
  return {
    id: a.id,
    organisationId: a.organisationId,
    siteId: a.siteId,
    name: a.name,
    kind: a.kind,
    processCode: a.processCode,
    capacityUnit: a.capacityUnit,
    mobile: a.mobile,
    latitude: a.latitude,
    longitude: a.longitude,
    timezone: a.timezone,
    openingHours: a.openingHours,
    minBookingMinutes: a.minBookingMinutes,
    maxBookingMinutes: a.maxBookingMinutes,
    minNoticeMinutes: a.minNoticeMinutes,
    bufferMinutes: a.bufferMinutes,
    cancellationDeadlineHours: a.cancellationDeadlineHours,
    requiresApproval: a.requiresApproval,
    requiredTrainingId: a.requiredTrainingId,
    priceModel: a.priceModel,
    hourlyRateCents: a.hourlyRateCents,
    monthlyLeaseCents: a.monthlyLeaseCents,
    planId: a.planId,
    specs: Object.entries(a.specs ?? {}).map(([name, value]) => ({ name, value: String(value) })),
  };
}
