import { Column, CreateDateColumn, Entity, PrimaryColumn, VersionColumn } from 'typeorm';
import type { TemperatureZoneName } from '../carbon/carbon';
import type { LoadClassName } from '../matching/matching';

/** A point of a route as stored: WGS84 plus what a person recognises. */
export interface StoredPlace {
  latitude: number;
  longitude: number;
  communeInsee: string | null;
  label: string | null;
}

const numeric = { to: (v: number) => v, from: (v: string | null) => (v === null ? 0 : Number(v)) };

/** A trip a producer or carrier drives anyway, with free space. Remaining space is kept by SQL only. */
@Entity({ name: 'trip' })
export class Trip {
  @PrimaryColumn({ type: 'uuid' }) id: string;
  @Column({ name: 'owner_organisation_id', type: 'uuid' }) ownerOrganisationId: string;
  @Column({ name: 'vehicle_type', type: 'text' }) vehicleType: string;
  @Column({ type: 'jsonb' }) origin: StoredPlace;
  @Column({ type: 'jsonb' }) stops: StoredPlace[];
  @Column({ type: 'jsonb' }) destination: StoredPlace;
  @Column({ name: 'route_km', type: 'double precision' }) routeKm: number;
  @Column({ name: 'departure_earliest', type: 'timestamptz' }) departureEarliest: Date;
  @Column({ name: 'departure_latest', type: 'timestamptz' }) departureLatest: Date;
  @Column({ name: 'capacity_pallets', type: 'int' }) capacityPallets: number;
  @Column({ name: 'capacity_crates', type: 'int' }) capacityCrates: number;
  @Column({ name: 'capacity_kg', type: 'int' }) capacityKg: number;
  @Column({ name: 'remaining_pallets', type: 'int' }) remainingPallets: number;
  @Column({ name: 'remaining_crates', type: 'int' }) remainingCrates: number;
  @Column({ name: 'remaining_kg', type: 'int' }) remainingKg: number;
  @Column({ name: 'temperature_zone', type: 'text' }) temperatureZone: TemperatureZoneName;
  @Column({ type: 'text' }) handling: 'NONE' | 'TAIL_LIFT' | 'DOCK';
  @Column({ name: 'price_per_pallet_eur', type: 'numeric', transformer: numeric }) pricePerPalletEur: number;
  @Column({ name: 'price_per_crate_eur', type: 'numeric', transformer: numeric }) pricePerCrateEur: number;
  @Column({ name: 'price_per_kg_eur', type: 'numeric', transformer: numeric }) pricePerKgEur: number;
  @Column({ name: 'max_detour_km', type: 'double precision' }) maxDetourKm: number;
  @Column({ name: 'max_detour_minutes', type: 'int' }) maxDetourMinutes: number;
  @Column({ name: 'load_class', type: 'text' }) loadClass: LoadClassName;
  @Column({ name: 'organic_only', type: 'boolean' }) organicOnly: boolean;
  @Column({ name: 'own_load_kg', type: 'int' }) ownLoadKg: number;
  @Column({ type: 'text' }) status: 'OPEN' | 'CANCELLED';
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @VersionColumn() version: number;
}
