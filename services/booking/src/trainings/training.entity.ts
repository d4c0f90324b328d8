import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** A training an asset owner requires before anyone books the asset. */
@Entity({ name: 'training' })
export class Training {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  /** The organisation that runs the training. */
  @Column({ name: 'organisation_id', type: 'uuid' })
  organisationId: string;

  @Column({ type: 'text' })
  name: string;

  /** An authorisation lapses after this many months without a booking. */
  @Column({ name: 'expires_after_unused_months', type: 'int' })
  expiresAfterUnusedMonths: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
