import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Local copy of a directory organisation, fed by directory.organisation-registered.v1 and organisation-updated.v1. */
@Entity({ name: 'known_organisation' })
export class KnownOrganisation {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ name: 'legal_name', type: 'text' })
  legalName: string;

  @Column({ name: 'registered_at', type: 'timestamptz' })
  registeredAt: Date;

  /** When the directory said so: a late older event never overwrites a newer name. */
  @Column({ name: 'legal_name_at', type: 'timestamptz' })
  legalNameAt: Date;
}
