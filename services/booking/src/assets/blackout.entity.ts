import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A closure of one asset (maintenance, holiday, exception), stored as a tstzrange. */
@Entity({ name: 'blackout' })
export class BlackoutRow {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ name: 'asset_id', type: 'uuid' })
  assetId: string;

  @Column({ type: 'tstzrange' })
  period: string;

  @Column({ type: 'text' })
  reason: string;
}
