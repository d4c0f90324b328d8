import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { assertSameOrganisation } from '@rim/auth';
import { ShipmentDeliveredSchema, Topic } from '@rim/contracts';
import { OutboxWriter, newTrace } from '@rim/messaging';
import { BadInputError, ConflictError, NotFoundError, type RequestContext } from '@rim/service-kit';
import { requireOrganisation } from '../common/principal';
import { wirePlace } from '../common/place.model';
import { Offer, ShipmentRequest } from '../shipments/shipment.entity';
import { quantitiesOf, ShipmentsService } from '../shipments/shipments.service';
import { Trip } from '../trips/trip.entity';
import { damageProblems, damageValue } from './damage-value';
import { Delivery } from './delivery.entity';
import type { DamageInput } from './dto/damage.input';

const NAME_MAX = 120;

@Injectable()
export class DeliveriesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly outbox: OutboxWriter,
    private readonly shipments: ShipmentsService,
  ) {}

  /** The driver (trip owner) records that the goods are on board, signed by whoever handed them over. */
  async confirmPickup(ctx: RequestContext, offerId: string, signedBy: string, now = new Date()): Promise<Delivery> {
    const name = signedBy.trim();
    if (!name || name.length > NAME_MAX) throw new BadInputError([{ field: 'signedBy', reason: `must be between 1 and ${NAME_MAX} characters` }]);
    return this.dataSource.transaction(async (tx) => {
      const { offer } = await this.ownedOffer(tx, ctx, offerId);
      if (offer.status !== 'ACCEPTED') throw new ConflictError('offerId', `only an accepted offer can be picked up (it is ${offer.status.toLowerCase()})`);
      if (await tx.existsBy(Delivery, { offerId })) throw new ConflictError('offerId', 'the pickup is already confirmed');
      await tx.insert(Delivery, {
        offerId,
        shipmentId: offer.shipmentId,
        pickedUpAt: now,
        pickupSignedBy: name,
        deliveredAt: null,
        receivedBy: null,
        damagedPallets: 0,
        damagedCrates: 0,
        damagedKg: 0,
        damageNote: null,
        damageValueEur: 0,
      });
      return tx.findOneByOrFail(Delivery, { offerId });
    });
  }

  /**
   * The goods arrived: proof of delivery (who received them), damage if any valued on the declared
   * value, and shipment-delivered with km, CO2 and CO2 avoided, recorded in the same transaction.
   */
  async confirmDelivery(ctx: RequestContext, offerId: string, receivedBy: string, damage: DamageInput | null, now = new Date()): Promise<Delivery> {
    const name = receivedBy.trim();
    if (!name || name.length > NAME_MAX) throw new BadInputError([{ field: 'receivedBy', reason: `must be between 1 and ${NAME_MAX} characters` }]);
    return this.dataSource.transaction(async (tx) => {
      const { offer, trip } = await this.ownedOffer(tx, ctx, offerId);
      if (offer.status !== 'ACCEPTED') throw new ConflictError('offerId', `only an accepted offer can be delivered (it is ${offer.status.toLowerCase()})`);
      const proof = await tx.findOneBy(Delivery, { offerId });
      if (!proof) throw new ConflictError('offerId', 'no proof of pickup: confirm the pickup first');
      const shipment = await tx.findOneByOrFail(ShipmentRequest, { id: offer.shipmentId });
      const shipped = quantitiesOf(shipment);
      const damaged = { pallets: damage?.pallets ?? 0, crates: damage?.crates ?? 0, kg: damage?.kg ?? 0 };
      const problems = damageProblems(shipped, damaged);
      if (problems.length) throw new BadInputError(problems.map((p) => ({ field: `damage.${p.unit}`, reason: p.reason })));
      const value = damageValue(shipped, shipment.declaredValueEur, damaged);
      if (value === 0 && damage?.note) throw new BadInputError([{ field: 'damage', reason: 'a damage note needs the damaged quantity (pallets, crates or kg)' }]);
      await tx.update(Delivery, { offerId }, {
        deliveredAt: now < proof.pickedUpAt ? proof.pickedUpAt : now,
        receivedBy: name,
        damagedPallets: damaged.pallets,
        damagedCrates: damaged.crates,
        damagedKg: damaged.kg,
        damageNote: damage?.note?.trim() || null,
        damageValueEur: value,
      });
      await tx.update(Offer, { id: offer.id }, { status: 'DELIVERED', deliveredAt: now });
      const figures = (await this.shipments.accountsOfTrip(tx, trip)).get(shipment.id);
      if (!figures) throw new Error(`no account for delivered shipment ${shipment.id}`);
      await this.outbox.record(tx, {
        topic: Topic.ShipmentDelivered,
        key: shipment.id,
        schema: ShipmentDeliveredSchema,
        message: {
          shipmentId: shipment.id,
          tripId: trip.id,
          shipperOrganisationId: shipment.shipperOrganisationId,
          pickup: wirePlace(shipment.pickup),
          dropoff: wirePlace(shipment.viaHubPlace ?? shipment.dropoff),
          quantities: shipped,
          km: figures.km,
          co2Kg: figures.co2Kg,
          co2AvoidedKg: figures.co2AvoidedKg,
          kmAvoided: figures.kmAvoided,
          deliveredAt: now.toISOString(),
          damageValueEur: value,
          viaHubId: shipment.viaHubId ?? '',
        },
        trace: newTrace(ctx.correlationId),
      });
      return tx.findOneByOrFail(Delivery, { offerId });
    });
  }

  /** Proof of a shipment's journey, for its shipper or the trip owner. */
  async ofShipment(shipmentId: string): Promise<Delivery | null> {
    return this.dataSource.getRepository(Delivery).findOneBy({ shipmentId });
  }

  private async ownedOffer(tx: EntityManager, ctx: RequestContext, offerId: string): Promise<{ offer: Offer; trip: Trip }> {
    const principal = requireOrganisation(ctx);
    const offer = await tx.getRepository(Offer).createQueryBuilder('o').setLock('pessimistic_write').where('o.id = :offerId', { offerId }).getOne();
    if (!offer) throw new NotFoundError('offer', offerId);
    const trip = await tx.findOneByOrFail(Trip, { id: offer.tripId });
    assertSameOrganisation(principal, trip.ownerOrganisationId, `trip ${trip.id}`);
    return { offer, trip };
  }
}
