import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource, In, type EntityManager } from 'typeorm';
import { assertSameOrganisation } from '@rim/auth';
import { OfferAcceptedSchema, Topic, TripCapacityChangedSchema } from '@rim/contracts';
import { OutboxWriter, newTrace } from '@rim/messaging';
import { BadInputError, ConflictError, groupBy, isUuid, NotFoundError, type FieldProblem, type RequestContext } from '@rim/service-kit';
import type { LoadQuantities } from '../carbon/carbon';
import { priceAtRates } from '../trips/trip-pricing';
import { requireOrganisation } from '../common/principal';
import { storedPlace, wirePlace } from '../common/place.model';
import { ROAD_DISTANCE, type RoadDistance } from '../geo/road-distance';
import { capacityFits, evaluate, loadCompatible, rankTrips, temperatureFits, type CandidateTrip, type LoadClassName, type TripMatchResult } from '../matching/matching';
import { describeShortfall, explainShortfall, reserveCapacity } from '../trips/capacity-ledger';
import { Hub } from '../hubs/hub.entity';
import { Trip, type StoredPlace } from '../trips/trip.entity';
import type { RequestShipmentInput } from './dto/request-shipment.input';
import { accountTrip, type ShipmentAccountFigures } from './shipment-account';
import { Offer, ShipmentRequest } from './shipment.entity';

export const SHIPMENT_OPTIONS = Symbol('SHIPMENT_OPTIONS');
export interface ShipmentOptions {
  offerTtlHours: number;
}

export const quantitiesOf = (s: ShipmentRequest): LoadQuantities => ({ pallets: s.pallets, crates: s.crates, kg: s.kg });

/** Where the trips carry the shipment to: its hub when routed through one (the hub consolidates onward), else its drop-off. */
export const legEnd = (s: ShipmentRequest): StoredPlace => s.viaHubPlace ?? s.dropoff;

@Injectable()
export class ShipmentsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly outbox: OutboxWriter,
    @Inject(ROAD_DISTANCE) private readonly road: RoadDistance,
    @Inject(SHIPMENT_OPTIONS) private readonly options: ShipmentOptions,
  ) {}

  async request(ctx: RequestContext, input: RequestShipmentInput): Promise<ShipmentRequest> {
    const principal = requireOrganisation(ctx);
    const problems: FieldProblem[] = [];
    if (input.pickupLatest < input.pickupEarliest) problems.push({ field: 'input.pickupLatest', reason: 'the pickup window ends before it starts' });
    if (input.dropoffLatest < input.dropoffEarliest) problems.push({ field: 'input.dropoffLatest', reason: 'the drop-off window ends before it starts' });
    else if (input.dropoffLatest < input.pickupEarliest) problems.push({ field: 'input.dropoffLatest', reason: 'the drop-off window ends before the pickup window starts' });
    const q = input.quantities;
    if (q.pallets + q.crates + q.kg === 0) problems.push({ field: 'input.quantities', reason: 'nothing to carry' });
    const leg = this.road.leg(input.pickup, input.dropoff);
    if (leg.km < 0.2) problems.push({ field: 'input.dropoff', reason: 'the drop-off is where the pickup is' });
    if (problems.length) throw new BadInputError(problems);
    const shipment = this.dataSource.getRepository(ShipmentRequest).create({
      id: randomUUID(),
      shipperOrganisationId: principal.organisationId,
      pickup: storedPlace(input.pickup),
      dropoff: storedPlace(input.dropoff),
      pickupEarliest: input.pickupEarliest,
      pickupLatest: input.pickupLatest,
      dropoffEarliest: input.dropoffEarliest,
      dropoffLatest: input.dropoffLatest,
      pallets: q.pallets,
      crates: q.crates,
      kg: q.kg,
      declaredValueEur: input.declaredValueEur,
      temperatureZone: input.temperatureZone,
      loadClass: input.loadClass,
      organic: input.organic,
      maxTimeInVehicleMinutes: input.maxTimeInVehicleMinutes ?? null,
      legKm: leg.km,
    });
    await this.dataSource.getRepository(ShipmentRequest).insert(shipment);
    return this.dataSource.getRepository(ShipmentRequest).findOneByOrFail({ id: shipment.id });
  }

  /** The shipper proposes to ride a trip, at the trip's rates unless a price is given. */
  async makeOffer(ctx: RequestContext, shipmentId: string, tripId: string, priceEur: number | null, now = new Date()): Promise<Offer> {
    const principal = requireOrganisation(ctx);
    return this.dataSource.transaction(async (tx) => {
      const shipment = await tx.findOneBy(ShipmentRequest, { id: shipmentId });
      if (!shipment) throw new NotFoundError('shipment', shipmentId);
      assertSameOrganisation(principal, shipment.shipperOrganisationId, `shipment ${shipmentId}`);
      const trip = await tx.findOneBy(Trip, { id: tripId });
      if (!trip) throw new NotFoundError('trip', tripId);
      const q = quantitiesOf(shipment);
      if (trip.status !== 'OPEN' || trip.departureLatest.getTime() <= now.getTime()) {
        throw new BadInputError([{ field: 'tripId', reason: 'the trip has already departed' }]);
      }
      const remaining = { pallets: trip.remainingPallets, crates: trip.remainingCrates, kg: trip.remainingKg };
      if (!capacityFits(remaining, q)) {
        const unit = remaining.pallets < q.pallets ? 'pallets' : remaining.crates < q.crates ? 'crates' : 'kg';
        throw new BadInputError([{ field: 'tripId', reason: `the trip is full: ${describeShortfall({ unit, needed: q[unit], remaining: remaining[unit] })}` }]);
      }
      if (!temperatureFits(trip.temperatureZone, shipment.temperatureZone)) {
        throw new BadInputError([{ field: 'shipmentId', reason: `incompatible load: a ${shipment.temperatureZone.toLowerCase()} shipment needs a ${shipment.temperatureZone.toLowerCase()} vehicle, this trip is ${trip.temperatureZone.toLowerCase()}` }]);
      }
      const classes = await this.loadClassesOnBoard(tx, trip);
      if (!loadCompatible({ loadClasses: classes, organicOnly: trip.organicOnly }, shipment)) {
        throw new BadInputError([{ field: 'shipmentId', reason: `incompatible load: ${shipment.loadClass.toLowerCase()}${shipment.organic ? '' : ' (non-organic)'} cannot share this trip (${classes.join(', ').toLowerCase()}${trip.organicOnly ? ', organic only' : ''})` }]);
      }
      if (await tx.existsBy(Offer, { shipmentId, status: In(['ACCEPTED', 'DELIVERED']) })) {
        throw new ConflictError('shipmentId', 'this shipment already travels on a trip');
      }
      const ttl = new Date(now.getTime() + this.options.offerTtlHours * 3_600_000);
      const offer = tx.create(Offer, {
        id: randomUUID(),
        shipmentId,
        tripId,
        priceEur: priceEur ?? priceAtRates(trip, q),
        status: 'PENDING',
        expiresAt: ttl < trip.departureLatest ? ttl : trip.departureLatest,
        decidedAt: null,
        deliveredAt: null,
      });
      await tx.insert(Offer, offer);
      return tx.findOneByOrFail(Offer, { id: offer.id });
    });
  }

  /**
   * The trip owner accepts: space is reserved atomically (see reserveCapacity), or the caller is
   * told which unit ran out and what remains. Events are recorded in the same transaction.
   */
  async acceptOffer(ctx: RequestContext, offerId: string, now = new Date()): Promise<Offer> {
    const principal = requireOrganisation(ctx);
    return this.dataSource.transaction(async (tx) => {
      // One round trip for the checks: most attempts on a busy trip end here or at the reservation.
      const [head]: Array<{ status: string; expires_at: Date; trip_id: string; owner: string; pallets: number; crates: number; kg: number }> = await tx.query(
        `SELECT o.status, o.expires_at, o.trip_id, t.owner_organisation_id AS owner, s.pallets, s.crates, s.kg
           FROM offer o JOIN trip t ON t.id = o.trip_id JOIN shipment_request s ON s.id = o.shipment_id
          WHERE o.id = $1 FOR UPDATE OF o`,
        [offerId],
      );
      if (!head) throw new NotFoundError('offer', offerId);
      assertSameOrganisation(principal, head.owner, `trip ${head.trip_id}`);
      if (head.status !== 'PENDING') throw new ConflictError('offerId', `the offer is already ${head.status.toLowerCase()}`);
      if (head.expires_at.getTime() <= now.getTime()) throw new ConflictError('offerId', `the offer expired at ${head.expires_at.toISOString()}`);
      const q = { pallets: head.pallets, crates: head.crates, kg: head.kg };
      const after = await reserveCapacity(tx, head.trip_id, q);
      if (!after) {
        const shortfall = await explainShortfall(tx, head.trip_id, q);
        throw new ConflictError(shortfall.unit, describeShortfall(shortfall));
      }
      const offer = await tx.findOneByOrFail(Offer, { id: offerId });
      const trip = await tx.findOneByOrFail(Trip, { id: offer.tripId });
      const shipment = await tx.findOneByOrFail(ShipmentRequest, { id: offer.shipmentId });
      // The trip row is locked by the reservation until commit: the load classes cannot change under us.
      const classes = await this.loadClassesOnBoard(tx, trip);
      if (!loadCompatible({ loadClasses: classes, organicOnly: trip.organicOnly }, shipment)) {
        throw new ConflictError('offerId', 'incompatible load: it cannot share the trip with what is already on board');
      }
      await tx.update(Offer, { id: offer.id }, { status: 'ACCEPTED', decidedAt: now });
      await tx.update(Offer, { shipmentId: shipment.id, status: 'PENDING' }, { status: 'DECLINED', decidedAt: now });
      const figures = (await this.accountsOfTrip(tx, trip)).get(shipment.id);
      if (!figures) throw new Error(`no account for accepted shipment ${shipment.id}`);
      const trace = newTrace(ctx.correlationId);
      await this.outbox.record(tx, {
        topic: Topic.OfferAccepted,
        key: trip.id,
        schema: OfferAcceptedSchema,
        message: {
          offerId: offer.id,
          tripId: trip.id,
          shipmentId: shipment.id,
          shipperOrganisationId: shipment.shipperOrganisationId,
          carrierOrganisationId: trip.ownerOrganisationId,
          pickup: wirePlace(shipment.pickup),
          dropoff: wirePlace(shipment.dropoff),
          quantities: q,
          priceEur: offer.priceEur,
          costShareOfValue: figures.costShareOfValue,
          km: figures.km,
          co2Kg: figures.co2Kg,
          co2AvoidedKg: figures.co2AvoidedKg,
          kmAvoided: figures.kmAvoided,
        },
        trace,
      });
      await this.outbox.record(tx, {
        topic: Topic.TripCapacityChanged,
        key: trip.id,
        schema: TripCapacityChangedSchema,
        message: { tripId: trip.id, capacity: after.capacity, remaining: after.remaining },
        trace,
      });
      return tx.findOneByOrFail(Offer, { id: offer.id });
    }).catch((e: unknown) => {
      if ((e as { code?: string }).code === '23505') throw new ConflictError('offerId', 'this shipment already travels on another trip');
      throw e;
    });
  }

  async declineOffer(ctx: RequestContext, offerId: string, now = new Date()): Promise<Offer> {
    const principal = requireOrganisation(ctx);
    return this.dataSource.transaction(async (tx) => {
      const offer = await tx.getRepository(Offer).createQueryBuilder('o').setLock('pessimistic_write').where('o.id = :offerId', { offerId }).getOne();
      if (!offer) throw new NotFoundError('offer', offerId);
      const trip = await tx.findOneByOrFail(Trip, { id: offer.tripId });
      assertSameOrganisation(principal, trip.ownerOrganisationId, `trip ${trip.id}`);
      if (offer.status !== 'PENDING') throw new ConflictError('offerId', `the offer is already ${offer.status.toLowerCase()}`);
      await tx.update(Offer, { id: offer.id }, { status: 'DECLINED', decidedAt: now });
      return tx.findOneByOrFail(Offer, { id: offer.id });
    });
  }

  /**
   * Routes a not-yet-accepted shipment through a consolidation hub: trips then carry it from the
   * pickup to the hub, where it joins a full load onward (CRC Services: grouping 1-15 pallet lots
   * cuts direct delivery lines 10-30x). Its leg, and so its CO2 share, becomes pickup -> hub.
   */
  async routeViaHub(ctx: RequestContext, shipmentId: string, hubId: string | null): Promise<ShipmentRequest> {
    const principal = requireOrganisation(ctx);
    return this.dataSource.transaction(async (tx) => {
      const shipment = await tx.getRepository(ShipmentRequest).createQueryBuilder('s').setLock('pessimistic_write').where('s.id = :shipmentId', { shipmentId }).getOne();
      if (!shipment) throw new NotFoundError('shipment', shipmentId);
      assertSameOrganisation(principal, shipment.shipperOrganisationId, `shipment ${shipmentId}`);
      if (await tx.existsBy(Offer, { shipmentId, status: In(['ACCEPTED', 'DELIVERED']) })) {
        throw new ConflictError('shipmentId', 'the shipment already travels on a trip: its route can no longer change');
      }
      if (hubId === null) {
        await tx.update(ShipmentRequest, { id: shipmentId }, { viaHubId: null, viaHubPlace: null, legKm: this.road.leg(shipment.pickup, shipment.dropoff).km });
        return tx.findOneByOrFail(ShipmentRequest, { id: shipmentId });
      }
      const hub = await tx.findOneBy(Hub, { id: hubId });
      if (!hub) throw new NotFoundError('hub', hubId);
      if (!hub.temperatureZones.includes(shipment.temperatureZone)) {
        throw new BadInputError([{ field: 'hubId', reason: `the hub does not keep ${shipment.temperatureZone.toLowerCase()} goods (it keeps ${hub.temperatureZones.join(', ').toLowerCase()})` }]);
      }
      const leg = this.road.leg(shipment.pickup, hub.place);
      if (leg.km < 0.2) throw new BadInputError([{ field: 'hubId', reason: 'the hub is where the pickup is: drop the goods there yourself' }]);
      await tx.update(ShipmentRequest, { id: shipmentId }, { viaHubId: hub.id, viaHubPlace: hub.place, legKm: leg.km });
      // Pending offers were priced for the old route: they lapse.
      await tx.update(Offer, { shipmentId, status: 'PENDING' }, { status: 'DECLINED', decidedAt: new Date() });
      return tx.findOneByOrFail(ShipmentRequest, { id: shipmentId });
    });
  }

  /**
   * For the trip owner: open shipment requests along the trip's way (pickup and drop-off inside its
   * corridor, same checks as matchTrips), least added detour first. Shows what a carrier needs to
   * decide, not the goods' declared value.
   */
  async suggestShipments(ctx: RequestContext, tripId: string, limit: number, now = new Date()): Promise<Array<TripMatchResult & { shipment: ShipmentRequest; priceEur: number }>> {
    const principal = requireOrganisation(ctx);
    const trip = await this.dataSource.getRepository(Trip).findOneBy({ id: tripId });
    if (!trip) throw new NotFoundError('trip', tripId);
    assertSameOrganisation(principal, trip.ownerOrganisationId, `trip ${tripId}`);
    if (trip.status !== 'OPEN' || trip.departureLatest.getTime() <= now.getTime()) return [];
    const zones = trip.temperatureZone === 'AMBIENT' ? ['AMBIENT'] : ['AMBIENT', trip.temperatureZone];
    const shipments = await this.dataSource
      .getRepository(ShipmentRequest)
      .createQueryBuilder('s')
      .where('s.shipper_organisation_id <> :owner', { owner: trip.ownerOrganisationId })
      .andWhere('s.pickup_latest > :now', { now })
      .andWhere('s.temperature_zone IN (:...zones)', { zones })
      .andWhere('s.pallets <= :p AND s.crates <= :c AND s.kg <= :kg', { p: trip.remainingPallets, c: trip.remainingCrates, kg: trip.remainingKg })
      .andWhere(`NOT EXISTS (SELECT 1 FROM offer o WHERE o.shipment_id = s.id AND o.status IN ('ACCEPTED','DELIVERED'))`)
      .andWhere(
        `(SELECT corridor FROM trip WHERE id = :tripId) @> box(point((s.pickup->>'longitude')::float8, (s.pickup->>'latitude')::float8),
           point((coalesce(s.via_hub_place, s.dropoff)->>'longitude')::float8, (coalesce(s.via_hub_place, s.dropoff)->>'latitude')::float8))`,
        { tripId },
      )
      .getMany();
    const classes = (await this.loadClassesByTrip([trip.id])).get(trip.id) ?? [];
    const candidate = toCandidate(trip, classes);
    const out: Array<TripMatchResult & { shipment: ShipmentRequest; priceEur: number }> = [];
    for (const s of shipments) {
      const r = evaluate(this.road, candidate, {
        pickup: s.pickup,
        dropoff: legEnd(s),
        pickupEarliest: s.pickupEarliest,
        pickupLatest: s.pickupLatest,
        dropoffEarliest: s.dropoffEarliest,
        dropoffLatest: s.dropoffLatest,
        quantities: quantitiesOf(s),
        temperatureZone: s.temperatureZone,
        loadClass: s.loadClass,
        organic: s.organic,
        maxTimeInVehicleMinutes: s.maxTimeInVehicleMinutes,
      });
      if (typeof r !== 'string') out.push({ ...r, shipment: s, priceEur: priceAtRates(trip, quantitiesOf(s)) });
    }
    return out.sort((x, y) => x.score - y.score || x.shipment.id.localeCompare(y.shipment.id)).slice(0, limit);
  }

  /** Shipments referenced by other subgraphs, in one statement; ids that are not UUIDs match nothing. */
  async findShipments(ids: string[]): Promise<Map<string, ShipmentRequest>> {
    const valid = ids.filter(isUuid);
    const rows = valid.length ? await this.dataSource.getRepository(ShipmentRequest).findBy({ id: In(valid) }) : [];
    return new Map(rows.map((s) => [s.id, s]));
  }

  /** Shipments of several organisations that no trip carries yet and are still to pick up, in one statement. */
  async openOf(organisationIds: string[], now = new Date()): Promise<Map<string, ShipmentRequest[]>> {
    const valid = organisationIds.filter(isUuid);
    const rows = valid.length
      ? await this.dataSource
          .getRepository(ShipmentRequest)
          .createQueryBuilder('s')
          .where('s.shipper_organisation_id IN (:...orgs)', { orgs: valid })
          .andWhere('s.pickup_latest > :now', { now })
          .andWhere(`NOT EXISTS (SELECT 1 FROM offer o WHERE o.shipment_id = s.id AND o.status IN ('ACCEPTED', 'DELIVERED'))`)
          .orderBy('s.pickup_earliest', 'ASC')
          .getMany()
      : [];
    return groupBy(organisationIds, rows, (s) => s.shipperOrganisationId);
  }

  /** Shipments asked for from bookings (co-delivery-requested), by booking id, in one statement. */
  async fromBookings(bookingIds: string[]): Promise<Map<string, ShipmentRequest>> {
    const valid = bookingIds.filter(isUuid);
    const rows = valid.length ? await this.dataSource.getRepository(ShipmentRequest).findBy({ sourceBookingId: In(valid) }) : [];
    return new Map(rows.map((s) => [s.sourceBookingId as string, s]));
  }

  findShipment(id: string): Promise<ShipmentRequest | null> {
    return this.dataSource.getRepository(ShipmentRequest).findOneBy({ id });
  }

  offersOfShipment(shipmentId: string): Promise<Offer[]> {
    return this.dataSource.getRepository(Offer).find({ where: { shipmentId }, order: { createdAt: 'ASC' } });
  }

  /** Money and carbon of a shipment once accepted, as the trip's loads stand now. */
  async account(shipmentId: string): Promise<(ShipmentAccountFigures & { tripId: string }) | null> {
    const em = this.dataSource.manager;
    const offer = await em.findOneBy(Offer, { shipmentId, status: In(['ACCEPTED', 'DELIVERED']) });
    if (!offer) return null;
    const trip = await em.findOneByOrFail(Trip, { id: offer.tripId });
    const figures = (await this.accountsOfTrip(em, trip)).get(shipmentId);
    return figures ? { ...figures, tripId: trip.id } : null;
  }

  /** Open trips able to carry the shipment, least detour first. */
  async matchTrips(ctx: RequestContext, shipmentId: string, limit: number, now = new Date()): Promise<Array<TripMatchResult & { trip: Trip; priceEur: number }>> {
    const principal = requireOrganisation(ctx);
    const shipment = await this.findShipment(shipmentId);
    if (!shipment) throw new NotFoundError('shipment', shipmentId);
    assertSameOrganisation(principal, shipment.shipperOrganisationId, `shipment ${shipmentId}`);
    const trips = await this.candidateTrips(shipment, now);
    const classes = await this.loadClassesByTrip(trips.map((t) => t.id));
    const byId = new Map(trips.map((t) => [t.id, t]));
    const candidates: CandidateTrip[] = trips.map((t) => toCandidate(t, classes.get(t.id) ?? []));
    return rankTrips(this.road, candidates, {
      pickup: shipment.pickup,
      dropoff: legEnd(shipment),
      pickupEarliest: shipment.pickupEarliest,
      pickupLatest: shipment.pickupLatest,
      dropoffEarliest: shipment.dropoffEarliest,
      dropoffLatest: shipment.dropoffLatest,
      quantities: quantitiesOf(shipment),
      temperatureZone: shipment.temperatureZone,
      loadClass: shipment.loadClass,
      organic: shipment.organic,
      maxTimeInVehicleMinutes: shipment.maxTimeInVehicleMinutes,
    })
      .slice(0, limit)
      .map((m) => {
        const trip = byId.get(m.tripId)!;
        return { ...m, trip, priceEur: priceAtRates(trip, quantitiesOf(shipment)) };
      });
  }

  /**
   * SQL pre-filter: open, not departed, able to reach the pickup in its window, enough space, right
   * temperature, and both points inside the trip's corridor (the box beyond which the detour must
   * exceed the owner's limit; GiST-indexed, see migration 1764100000200). Exact detours run in JS
   * on what is left, a few dozen trips instead of every open trip.
   */
  private candidateTrips(s: ShipmentRequest, now: Date): Promise<Trip[]> {
    const zones = s.temperatureZone === 'AMBIENT' ? ['AMBIENT', 'CHILLED', 'FROZEN'] : [s.temperatureZone];
    return this.dataSource
      .getRepository(Trip)
      .createQueryBuilder('t')
      .where(`t.status = 'OPEN'`)
      .andWhere('t.corridor @> box(point(:plon, :plat), point(:dlon, :dlat))', {
        plon: s.pickup.longitude,
        plat: s.pickup.latitude,
        dlon: legEnd(s).longitude,
        dlat: legEnd(s).latitude,
      })
      // Direct trips: both points inside the detour ellipse (migration 1764100000400).
      .andWhere(
        `(t.stop_count > 0 OR (
           flat_km(t.origin_lat, t.origin_lon, :plat, :plon) + flat_km(:plat, :plon, t.destination_lat, t.destination_lon)
             - flat_km(t.origin_lat, t.origin_lon, t.destination_lat, t.destination_lon)
             <= t.max_detour_km + 0.01 * (flat_km(t.origin_lat, t.origin_lon, :plat, :plon) + flat_km(:plat, :plon, t.destination_lat, t.destination_lon)) + 0.5
           AND flat_km(t.origin_lat, t.origin_lon, :dlat, :dlon) + flat_km(:dlat, :dlon, t.destination_lat, t.destination_lon)
             - flat_km(t.origin_lat, t.origin_lon, t.destination_lat, t.destination_lon)
             <= t.max_detour_km + 0.01 * (flat_km(t.origin_lat, t.origin_lon, :dlat, :dlon) + flat_km(:dlat, :dlon, t.destination_lat, t.destination_lon)) + 0.5))`,
      )
      .andWhere('t.departure_latest > :now', { now })
      .andWhere('t.departure_earliest <= :pickupLatest', { pickupLatest: s.pickupLatest })
      .andWhere('t.departure_earliest <= :dropoffLatest', { dropoffLatest: s.dropoffLatest })
      .andWhere('t.remaining_pallets >= :p AND t.remaining_crates >= :c AND t.remaining_kg >= :kg', { p: s.pallets, c: s.crates, kg: s.kg })
      .andWhere('t.temperature_zone IN (:...zones)', { zones })
      .getMany();
  }

  private async loadClassesByTrip(tripIds: string[]): Promise<Map<string, LoadClassName[]>> {
    const out = new Map<string, LoadClassName[]>();
    if (!tripIds.length) return out;
    const rows: Array<{ trip_id: string; load_class: LoadClassName }> = await this.dataSource.query(
      `SELECT DISTINCT o.trip_id, s.load_class FROM offer o JOIN shipment_request s ON s.id = o.shipment_id
        WHERE o.trip_id = ANY($1) AND o.status IN ('ACCEPTED','DELIVERED')`,
      [tripIds],
    );
    for (const r of rows) out.set(r.trip_id, [...(out.get(r.trip_id) ?? []), r.load_class]);
    return out;
  }

  private async loadClassesOnBoard(tx: EntityManager, trip: Trip): Promise<LoadClassName[]> {
    const rows: Array<{ load_class: LoadClassName }> = await tx.query(
      `SELECT DISTINCT s.load_class FROM offer o JOIN shipment_request s ON s.id = o.shipment_id
        WHERE o.trip_id = $1 AND o.status IN ('ACCEPTED','DELIVERED')`,
      [trip.id],
    );
    return [trip.loadClass, ...rows.map((r) => r.load_class)];
  }

  /** Money and carbon of every load on the trip (ISO 14083 allocation over all of them). */
  async accountsOfTrip(em: EntityManager, trip: Trip): Promise<Map<string, ShipmentAccountFigures>> {
    const rows: Array<Offer & { shipment: ShipmentRequest }> = [];
    const offers = await em.findBy(Offer, { tripId: trip.id, status: In(['ACCEPTED', 'DELIVERED']) });
    const shipments = offers.length ? await em.findBy(ShipmentRequest, { id: In(offers.map((o) => o.shipmentId)) }) : [];
    const byId = new Map(shipments.map((s) => [s.id, s]));
    for (const o of offers) rows.push(Object.assign(o, { shipment: byId.get(o.shipmentId)! }));
    return accountTrip(
      { vehicleType: trip.vehicleType, routeKm: trip.routeKm, temperatureZone: trip.temperatureZone, ownLoadKg: trip.ownLoadKg },
      rows.map((r) => ({
        id: r.shipmentId,
        quantities: quantitiesOf(r.shipment),
        legKm: r.shipment.legKm,
        priceEur: r.priceEur,
        declaredValueEur: r.shipment.declaredValueEur,
      })),
    );
  }
}

function toCandidate(t: Trip, accepted: LoadClassName[]): CandidateTrip {
  return {
    id: t.id,
    route: [t.origin, ...t.stops, t.destination],
    departureEarliest: t.departureEarliest,
    departureLatest: t.departureLatest,
    remaining: { pallets: t.remainingPallets, crates: t.remainingCrates, kg: t.remainingKg },
    temperatureZone: t.temperatureZone,
    loadClasses: [t.loadClass, ...accepted],
    organicOnly: t.organicOnly,
    maxDetourKm: t.maxDetourKm,
    maxDetourMinutes: t.maxDetourMinutes,
  };
}
