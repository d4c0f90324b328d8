import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** What a site can make: one process of the taxonomy with its materials, certifications and range. */
@Entity({ name: 'capability' })
@Index(['processCode'])
export class Capability {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ name: 'organisation_id', type: 'uuid' })
  organisationId: string;

  @Index()
  @Column({ name: 'site_id', type: 'uuid' })
  siteId: string;

  @Column({ name: 'process_code', type: 'text' })
  processCode: string;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  materials: string[];

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  certifications: string[];

  @Column({ name: 'min_batch', type: 'int' })
  minBatch: number;

  @Column({ name: 'max_batch', type: 'int' })
  maxBatch: number;

  @Column({ name: 'lead_time_days', type: 'int' })
  leadTimeDays: number;
}
