import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A user allowed to book the assets gated by a training. */
@Entity({ name: 'authorisation' })
export class Authorisation {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ name: 'training_id', type: 'uuid' })
  trainingId: string;

  /** Keycloak user id (sub). */
  @Column({ name: 'user_id', type: 'text' })
  userId: string;

  /** The holder's organisation. */
  @Column({ name: 'organisation_id', type: 'uuid' })
  organisationId: string;

  @Column({ name: 'granted_by', type: 'text' })
  grantedBy: string;

  @Column({ name: 'granted_at', type: 'timestamptz' })
  grantedAt: Date;

  @Column({ name: 'last_used_at', type: 'timestamptz', nullable: true })
  lastUsedAt: Date | null;
}
