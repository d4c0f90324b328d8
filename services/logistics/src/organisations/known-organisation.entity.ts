import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Local copy of a directory organisation, fed by directory.organisation-registered.v1. */
@Entity({ name: 'known_organisation' })
export class KnownOrganisation {
  @PrimaryColumn({ type: 'uuid' }) id: string;
  @Column({ name: 'legal_name', type: 'text' }) legalName: string;
  @Column({ name: 'registered_at', type: 'timestamptz' }) registeredAt: Date;
}
