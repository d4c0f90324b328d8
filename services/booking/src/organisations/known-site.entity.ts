import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Local copy of a directory site (where assets stand), fed by directory.site-added.v1. */
@Entity({ name: 'known_site' })
export class KnownSite {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ name: 'organisation_id', type: 'uuid' })
  organisationId: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'double precision', nullable: true })
  latitude: number | null;

  @Column({ type: 'double precision', nullable: true })
  longitude: number | null;

  @Column({ name: 'h3_r7', type: 'text', nullable: true })
  h3R7: string | null;

  @Column({ name: 'h3_r9', type: 'text', nullable: true })
  h3R9: string | null;
}
