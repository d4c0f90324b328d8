import { Column, Entity, PrimaryColumn } from 'typeorm';

const numeric = { to: (v: number) => v, from: (v: string | null) => (v === null ? 0 : Number(v)) };

/** Proof of pickup, then of delivery, of one accepted offer; damage noted on receipt. */
@Entity({ name: 'delivery' })
export class Delivery {
  @PrimaryColumn({ name: 'offer_id', type: 'uuid' }) offerId: string;
  @Column({ name: 'shipment_id', type: 'uuid' }) shipmentId: string;
  @Column({ name: 'picked_up_at', type: 'timestamptz' }) pickedUpAt: Date;
  @Column({ name: 'pickup_signed_by', type: 'text' }) pickupSignedBy: string;
  @Column({ name: 'delivered_at', type: 'timestamptz', nullable: true }) deliveredAt: Date | null;
  @Column({ name: 'received_by', type: 'text', nullable: true }) receivedBy: string | null;
  @Column({ name: 'damaged_pallets', type: 'int' }) damagedPallets: number;
  @Column({ name: 'damaged_crates', type: 'int' }) damagedCrates: number;
  @Column({ name: 'damaged_kg', type: 'int' }) damagedKg: number;
  @Column({ name: 'damage_note', type: 'text', nullable: true }) damageNote: string | null;
  @Column({ name: 'damage_value_eur', type: 'numeric', transformer: numeric }) damageValueEur: number;
}
