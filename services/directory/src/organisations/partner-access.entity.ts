import { CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** An organisation lets a partner (e.g. a consortium member) read its partners-only fields. */
@Entity({ name: 'partner_access' })
export class PartnerAccess {
  @PrimaryColumn({ name: 'organisation_id', type: 'uuid' })
  organisationId: string;

  @PrimaryColumn({ name: 'partner_id', type: 'uuid' })
  partnerId: string;

  @CreateDateColumn({ name: 'granted_at', type: 'timestamptz' })
  grantedAt: Date;
}
