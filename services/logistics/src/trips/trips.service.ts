import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource, In } from 'typeorm';
import { Topic, TripPostedSchema } from '@rim/contracts';
import { OutboxWriter, newTrace } from '@rim/messaging';
import { BadInputError, groupBy, isUuid, type FieldProblem, type RequestContext } from '@rim/service-kit';
import { requireOrganisation } from '../common/principal';
import { storedPlace, wirePlace } from '../common/place.model';
import { haversineKm, ROAD_DISTANCE, routeKm, type RoadDistance } from '../geo/road-distance';
import type { PostTripInput } from './dto/post-trip.input';
import { KnownOrganisation } from '../organisations/known-organisation.entity';
import { Trip } from './trip.entity';

/** Two points closer than this are the same place for "a route that goes nowhere". */
const SAME_PLACE_KM = 0.2;

@Injectable()
export class TripsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly outbox: OutboxWriter,
    @Inject(ROAD_DISTANCE) private readonly road: RoadDistance,
  ) {}

  /** Posts a trip for the caller's organisation (from the token, never from the input). */
  async post(ctx: RequestContext, input: PostTripInput, now = new Date()): Promise<Trip> {
    const principal = requireOrganisation(ctx);
    const problems: FieldProblem[] = [];
    const points = [input.origin, ...input.stops, input.destination];
    if (points.every((p) => haversineKm(p, input.origin) < SAME_PLACE_KM)) {
      problems.push({ field: 'input.destination', reason: 'the route goes nowhere: destination and stops are all at the origin' });
    }
    if (input.departureLatest.getTime() < input.departureEarliest.getTime()) {
      problems.push({ field: 'input.departureLatest', reason: 'the departure window ends before it starts' });
    } else if (input.departureLatest.getTime() <= now.getTime()) {
      problems.push({ field: 'input.departureLatest', reason: 'the departure window is already over' });
    }
    if (input.capacity.pallets + input.capacity.crates + input.capacity.kg === 0) {
      problems.push({ field: 'input.capacity', reason: 'offers no free space in any unit' });
    }
    if (problems.length) throw new BadInputError(problems);
    const id = randomUUID();
    const km = routeKm(this.road, points);
    return this.dataSource.transaction(async (tx) => {
      const trip = tx.create(Trip, {
        id,
        ownerOrganisationId: principal.organisationId,
        vehicleType: input.vehicleType,
        origin: storedPlace(input.origin),
        stops: input.stops.map(storedPlace),
        destination: storedPlace(input.destination),
        routeKm: km,
        departureEarliest: input.departureEarliest,
        departureLatest: input.departureLatest,
        capacityPallets: input.capacity.pallets,
        capacityCrates: input.capacity.crates,
        capacityKg: input.capacity.kg,
        remainingPallets: input.capacity.pallets,
        remainingCrates: input.capacity.crates,
        remainingKg: input.capacity.kg,
        temperatureZone: input.temperatureZone,
        handling: input.handling,
        pricePerPalletEur: input.pricePerPalletEur,
        pricePerCrateEur: input.pricePerCrateEur,
        pricePerKgEur: input.pricePerKgEur,
        maxDetourKm: input.maxDetourKm,
        maxDetourMinutes: input.maxDetourMinutes,
        loadClass: input.loadClass,
        organicOnly: input.organicOnly,
        ownLoadKg: input.ownLoadKg ?? 0,
        status: 'OPEN',
      });
      await tx.insert(Trip, trip);
      await this.outbox.record(tx, {
        topic: Topic.TripPosted,
        key: id,
        schema: TripPostedSchema,
        message: {
          tripId: id,
          ownerOrganisationId: trip.ownerOrganisationId,
          vehicleType: trip.vehicleType,
          origin: wirePlace(trip.origin),
          stops: trip.stops.map(wirePlace),
          destination: wirePlace(trip.destination),
          departureEarliest: trip.departureEarliest.toISOString(),
          departureLatest: trip.departureLatest.toISOString(),
          capacity: { pallets: trip.capacityPallets, crates: trip.capacityCrates, kg: trip.capacityKg },
          temperatureZone: trip.temperatureZone.toLowerCase(),
          routeKm: km,
        },
        trace: newTrace(ctx.correlationId),
      });
      return tx.findOneByOrFail(Trip, { id });
    });
  }

  async organisationName(id: string): Promise<string | null> {
    return (await this.dataSource.getRepository(KnownOrganisation).findOneBy({ id }))?.legalName ?? null;
  }

  /** The caller organisation's trips not yet departed, soonest first. */
  async mine(ctx: RequestContext, now = new Date()): Promise<Trip[]> {
    const principal = requireOrganisation(ctx);
    return this.dataSource
      .getRepository(Trip)
      .createQueryBuilder('t')
      .where('t.owner_organisation_id = :org', { org: principal.organisationId })
      .andWhere('t.departure_latest > :now', { now })
      .orderBy('t.departure_earliest', 'ASC')
      .take(200)
      .getMany();
  }

  findById(id: string): Promise<Trip | null> {
    return this.dataSource.getRepository(Trip).findOneBy({ id });
  }

  /** Trips referenced by other subgraphs, in one statement; ids that are not UUIDs match nothing. */
  async findByIds(ids: string[]): Promise<Map<string, Trip>> {
    const valid = ids.filter(isUuid);
    const rows = valid.length ? await this.dataSource.getRepository(Trip).findBy({ id: In(valid) }) : [];
    return new Map(rows.map((t) => [t.id, t]));
  }

  /** The trips not yet departed of several organisations, soonest first, in one statement (`mine` for each). */
  async upcomingOf(organisationIds: string[], now = new Date()): Promise<Map<string, Trip[]>> {
    const valid = organisationIds.filter(isUuid);
    const rows = valid.length
      ? await this.dataSource
          .getRepository(Trip)
          .createQueryBuilder('t')
          .where('t.owner_organisation_id IN (:...orgs)', { orgs: valid })
          .andWhere('t.departure_latest > :now', { now })
          .orderBy('t.departure_earliest', 'ASC')
          .getMany()
      : [];
    return groupBy(organisationIds, rows, (t) => t.ownerOrganisationId);
  }
}
