import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';
import type { TemperatureZoneName } from '../carbon/carbon';
import type { StoredPlace } from '../trips/trip.entity';

/** A round driven every week on the same days (a harvest-day delivery round), with fixed stops. */
@Entity({ name: 'tour' })
export class Tour {
  @PrimaryColumn({ type: 'uuid' }) id: string;
  @Column({ name: 'owner_organisation_id', type: 'uuid' }) ownerOrganisationId: string;
  @Column({ type: 'text' }) name: string;
  @Column({ name: 'vehicle_type', type: 'text' }) vehicleType: string;
  /** ISO 8601 weekdays, 1 = Monday ... 7 = Sunday. */
  @Column({ type: 'smallint', array: true }) weekdays: number[];
  /** Local time of departure, HH:MM (Europe/Paris). */
  @Column({ name: 'departure_time', type: 'time' }) departureTime: string;
  @Column({ name: 'temperature_zone', type: 'text' }) temperatureZone: TemperatureZoneName;
  @Column({ name: 'capacity_pallets', type: 'int' }) capacityPallets: number;
  @Column({ name: 'capacity_crates', type: 'int' }) capacityCrates: number;
  @Column({ name: 'capacity_kg', type: 'int' }) capacityKg: number;
  @Column({ name: 'route_km', type: 'double precision' }) routeKm: number;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}

@Entity({ name: 'tour_stop' })
export class TourStop {
  @PrimaryColumn({ name: 'tour_id', type: 'uuid' }) tourId: string;
  @PrimaryColumn({ type: 'int' }) seq: number;
  @Column({ type: 'jsonb' }) place: StoredPlace;
  @Column({ name: 'hub_id', type: 'uuid', nullable: true }) hubId: string | null;
  @Column({ name: 'minutes_after_departure', type: 'int' }) minutesAfterDeparture: number;
}

export type TourRole = 'PRODUCER' | 'CUSTOMER';

/** A producer (goods picked up at the stop) or a customer (goods dropped there) on some of the tour's days. */
@Entity({ name: 'tour_signup' })
export class TourSignup {
  @PrimaryColumn({ type: 'uuid' }) id: string;
  @Column({ name: 'tour_id', type: 'uuid' }) tourId: string;
  @Column({ name: 'stop_seq', type: 'int' }) stopSeq: number;
  @Column({ name: 'organisation_id', type: 'uuid' }) organisationId: string;
  @Column({ type: 'text' }) role: TourRole;
  @Column({ type: 'smallint', array: true }) weekdays: number[];
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}
