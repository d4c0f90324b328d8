import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';
import type { TemperatureZoneName } from '../carbon/carbon';
import type { LoadClassName } from '../matching/matching';
import type { StoredPlace } from '../trips/trip.entity';

const numeric = { to: (v: number) => v, from: (v: string | null) => (v === null ? 0 : Number(v)) };

/** Goods a producer wants carried, before or after they find a trip. */
@Entity({ name: 'shipment_request' })
export class ShipmentRequest {
  @PrimaryColumn({ type: 'uuid' }) id: string;
  @Column({ name: 'shipper_organisation_id', type: 'uuid' }) shipperOrganisationId: string;
  @Column({ type: 'jsonb' }) pickup: StoredPlace;
  @Column({ type: 'jsonb' }) dropoff: StoredPlace;
  @Column({ name: 'pickup_earliest', type: 'timestamptz' }) pickupEarliest: Date;
  @Column({ name: 'pickup_latest', type: 'timestamptz' }) pickupLatest: Date;
  @Column({ name: 'dropoff_earliest', type: 'timestamptz' }) dropoffEarliest: Date;
  @Column({ name: 'dropoff_latest', type: 'timestamptz' }) dropoffLatest: Date;
  @Column({ type: 'int' }) pallets: number;
  @Column({ type: 'int' }) crates: number;
  @Column({ type: 'int' }) kg: number;
  @Column({ name: 'declared_value_eur', type: 'numeric', transformer: numeric }) declaredValueEur: number;
  @Column({ name: 'temperature_zone', type: 'text' }) temperatureZone: TemperatureZoneName;
  @Column({ name: 'load_class', type: 'text' }) loadClass: LoadClassName;
  @Column({ type: 'boolean' }) organic: boolean;
  @Column({ name: 'max_time_in_vehicle_minutes', type: 'int', nullable: true }) maxTimeInVehicleMinutes: number | null;
  @Column({ name: 'leg_km', type: 'double precision' }) legKm: number;
  /** Consolidation hub the shipment goes through: trips then carry it from the pickup to the hub. */
  @Column({ name: 'via_hub_id', type: 'uuid', nullable: true }) viaHubId: string | null;
  @Column({ name: 'via_hub_place', type: 'jsonb', nullable: true }) viaHubPlace: StoredPlace | null;
  /** The booking whose output this is, when the booker asked for it from the booking (co-delivery-requested). */
  @Column({ name: 'source_booking_id', type: 'uuid', nullable: true }) sourceBookingId: string | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}

export type OfferStatus = 'PENDING' | 'ACCEPTED' | 'DECLINED' | 'EXPIRED' | 'DELIVERED';

/** A shipment's proposal to travel on a trip, for a price. Accepting it reserves the space. */
@Entity({ name: 'offer' })
export class Offer {
  @PrimaryColumn({ type: 'uuid' }) id: string;
  @Column({ name: 'shipment_id', type: 'uuid' }) shipmentId: string;
  @Column({ name: 'trip_id', type: 'uuid' }) tripId: string;
  @Column({ name: 'price_eur', type: 'numeric', transformer: numeric }) priceEur: number;
  @Column({ type: 'text' }) status: OfferStatus;
  @Column({ name: 'expires_at', type: 'timestamptz' }) expiresAt: Date;
  @Column({ name: 'decided_at', type: 'timestamptz', nullable: true }) decidedAt: Date | null;
  @Column({ name: 'delivered_at', type: 'timestamptz', nullable: true }) deliveredAt: Date | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}
