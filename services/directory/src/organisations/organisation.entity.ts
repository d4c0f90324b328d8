import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn, VersionColumn } from 'typeorm';

/** Who may read a profile field: anyone, any signed-in member, or partner organisations only. */
export enum Visibility {
  PUBLIC = 'PUBLIC',
  MEMBERS = 'MEMBERS',
  PARTNERS = 'PARTNERS',
}

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

  // Family firms fear losing know-how and clients (seed 003 l.2935): these default to partners only.
  @Column({ name: 'know_how', type: 'text', nullable: true })
  knowHow: string | null;

  @Column({ name: 'client_references', type: 'text', nullable: true })
  clientReferences: string | null;

  @Column({ name: 'description_visibility', type: 'text', default: Visibility.PUBLIC })
  descriptionVisibility: Visibility;

  @Column({ name: 'know_how_visibility', type: 'text', default: Visibility.PARTNERS })
  knowHowVisibility: Visibility;

  @Column({ name: 'client_references_visibility', type: 'text', default: Visibility.PARTNERS })
  clientReferencesVisibility: Visibility;

  @CreateDateColumn({ name: 'registered_at', type: 'timestamptz' })
  registeredAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;

  @VersionColumn()
  version: number;
}
