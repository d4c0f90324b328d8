import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn, VersionColumn } from 'typeorm';

export enum SizeBand {
  MICRO = 'MICRO',
  SMALL = 'SMALL',
  MEDIUM = 'MEDIUM',
  INTERMEDIATE = 'INTERMEDIATE',
  LARGE = 'LARGE',
}

/**
 * A legal entity in the directory. Its id is the organisation id that Keycloak puts in its users'
 * tokens (`org_id`), so ownership checks compare two ids and never call another service.
 */
@Entity({ name: 'organisation' })
export class Organisation {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ type: 'char', length: 9, unique: true })
  siren: string;

  @Column({ name: 'legal_name', type: 'text' })
  legalName: string;

  @Column({ name: 'trading_name', type: 'text', nullable: true })
  tradingName: string | null;

  @Column({ name: 'naf_code', type: 'varchar', length: 6 })
  nafCode: string;

  @Column({ name: 'size_band', type: 'text' })
  sizeBand: SizeBand;

  @Column({ type: 'smallint' })
  tier: number;

  @Column({ type: 'text', nullable: true })
  description: string | null;

  @CreateDateColumn({ name: 'registered_at', type: 'timestamptz' })
  registeredAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;

  @VersionColumn()
  version: number;
}
