import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

export enum CapacityUnit {
  HOURS = 'HOURS',
  UNITS = 'UNITS',
}

/**
 * Spare capacity a site offers on one process over a time window. Two live declarations of one
 * site and process never overlap: an exclusion constraint on the window decides (migration).
 */
@Entity({ name: 'spare_capacity' })
export class SpareCapacity {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Index()
  @Column({ name: 'organisation_id', type: 'uuid' })
  organisationId: string;

  @Column({ name: 'site_id', type: 'uuid' })
  siteId: string;

  @Column({ name: 'process_code', type: 'text' })
  processCode: string;

  @Column({ type: 'numeric', precision: 12, scale: 2, transformer: { to: (v) => v, from: (v) => Number(v) } })
  quantity: number;

  @Column({ type: 'text' })
  unit: CapacityUnit;

  @Column({ name: 'window_start', type: 'timestamptz' })
  windowStart: Date;

  @Column({ name: 'window_end', type: 'timestamptz' })
  windowEnd: Date;

  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt: Date;

  @Column({ type: 'boolean', default: false })
  expired: boolean;

  @CreateDateColumn({ name: 'declared_at', type: 'timestamptz' })
  declaredAt: Date;
}
