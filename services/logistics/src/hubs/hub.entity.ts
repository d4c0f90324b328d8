import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';
import type { TemperatureZoneName } from '../carbon/carbon';
import type { StoredPlace } from '../trips/trip.entity';

/** A consolidation point (a wholesale market, a cooperative's dock) where small lots are grouped. */
@Entity({ name: 'hub' })
export class Hub {
  @PrimaryColumn({ type: 'uuid' }) id: string;
  @Column({ name: 'operator_organisation_id', type: 'uuid' }) operatorOrganisationId: string;
  @Column({ type: 'text' }) name: string;
  @Column({ type: 'jsonb' }) place: StoredPlace;
  @Column({ name: 'temperature_zones', type: 'text', array: true }) temperatureZones: TemperatureZoneName[];
  @Column({ name: 'capacity_pallets', type: 'int' }) capacityPallets: number;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}
