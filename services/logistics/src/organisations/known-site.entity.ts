import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Local copy of a directory site (where goods are picked up), fed by directory.site-added.v1. */
@Entity({ name: 'known_site' })
export class KnownSite {
  @PrimaryColumn({ type: 'uuid' }) id: string;
  @Column({ name: 'organisation_id', type: 'uuid' }) organisationId: string;
  @Column({ type: 'text' }) name: string;
  @Column({ type: 'double precision', nullable: true }) latitude: number | null;
  @Column({ type: 'double precision', nullable: true }) longitude: number | null;
  @Column({ name: 'commune_insee', type: 'text', nullable: true }) communeInsee: string | null;
}
