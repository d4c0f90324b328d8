import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';
import { LabelCode } from './label-rules';

/** A declared origin label with the figures that prove it. */
@Entity({ name: 'origin_label' })
export class OriginLabel {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Index()
  @Column({ name: 'organisation_id', type: 'uuid' })
  organisationId: string;

  @Column({ name: 'label_code', type: 'text' })
  labelCode: LabelCode;

  @Column({ type: 'text' })
  product: string;

  @Column({ name: 'french_cost_share_percent', type: 'numeric', precision: 5, scale: 2, nullable: true, transformer: { to: (v) => v, from: (v) => (v == null ? null : Number(v)) } })
  frenchCostSharePercent: number | null;

  @Column({ name: 'french_step_share_percent', type: 'numeric', precision: 5, scale: 2, nullable: true, transformer: { to: (v) => v, from: (v) => (v == null ? null : Number(v)) } })
  frenchStepSharePercent: number | null;

  @Column({ name: 'awarded_on', type: 'date', nullable: true })
  awardedOn: string | null;

  // Stored apart on purpose (seed 003 l.3403): where the material comes from is not where it is made.
  @Column({ name: 'material_origin', type: 'text' })
  materialOrigin: string;

  @Column({ name: 'place_of_manufacture', type: 'text' })
  placeOfManufacture: string;

  @CreateDateColumn({ name: 'declared_at', type: 'timestamptz' })
  declaredAt: Date;
}
