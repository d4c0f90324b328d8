import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

/** A production site (établissement) of an organisation, placed for distance search and the map. */
@Entity({ name: 'site' })
export class Site {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Index()
  @Column({ name: 'organisation_id', type: 'uuid' })
  organisationId: string;

  @Column({ type: 'char', length: 14, unique: true })
  siret: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ name: 'address_line', type: 'text' })
  addressLine: string;

  @Column({ type: 'varchar', length: 5 })
  postcode: string;

  @Column({ name: 'commune_insee', type: 'varchar', length: 5 })
  communeInsee: string;

  @Column({ name: 'epci_siren', type: 'varchar', length: 9, nullable: true })
  epciSiren: string | null;

  @Column({ type: 'varchar', length: 3 })
  departement: string;

  @Column({ type: 'varchar', length: 2 })
  region: string;

  @Column({ type: 'double precision' })
  latitude: number;

  @Column({ type: 'double precision' })
  longitude: number;

  @Column({ name: 'h3_r5', type: 'text' })
  h3R5: string;

  @Column({ name: 'h3_r7', type: 'text' })
  h3R7: string;

  @Column({ name: 'h3_r9', type: 'text' })
  h3R9: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
