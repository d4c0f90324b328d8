import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource, In } from 'typeorm';
import { Topic, TourScheduledSchema } from '@rim/contracts';
import { OutboxWriter, newTrace } from '@rim/messaging';
import { BadInputError, ConflictError, NotFoundError, type FieldProblem, type RequestContext } from '@rim/service-kit';
import { requireOrganisation } from '../common/principal';
import { storedPlace, wirePlace } from '../common/place.model';
import { haversineKm, ROAD_DISTANCE, routeKm, type RoadDistance } from '../geo/road-distance';
import { Hub } from '../hubs/hub.entity';
import type { StoredPlace } from '../trips/trip.entity';
import type { ScheduleTourInput, TourRoleEnum } from './dto/schedule-tour.input';
import { Tour, TourSignup, TourStop } from './tour.entity';

const SAME_PLACE_KM = 0.2;

@Injectable()
export class ToursService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly outbox: OutboxWriter,
    @Inject(ROAD_DISTANCE) private readonly road: RoadDistance,
  ) {}

  /** Schedules a weekly tour for the caller's organisation and records tour-scheduled. */
  async schedule(ctx: RequestContext, input: ScheduleTourInput): Promise<Tour> {
    const principal = requireOrganisation(ctx);
    const problems: FieldProblem[] = [];
    const weekdays = [...new Set(input.weekdays)].sort((a, b) => a - b);
    if (weekdays.length !== input.weekdays.length) problems.push({ field: 'input.weekdays', reason: 'names a weekday twice' });
    if (input.capacity.pallets + input.capacity.crates + input.capacity.kg === 0) problems.push({ field: 'input.capacity', reason: 'offers no space in any unit' });
    const hubIds = input.stops.map((s) => s.hubId).filter((id): id is string => !!id);
    const hubs = new Map((hubIds.length ? await this.dataSource.getRepository(Hub).findBy({ id: In(hubIds) }) : []).map((h) => [h.id, h]));
    const places: Array<StoredPlace | null> = input.stops.map((s, i) => {
      if (!!s.place === !!s.hubId) {
        problems.push({ field: `input.stops.${i}`, reason: 'give either a place or a hubId' });
        return null;
      }
      if (s.hubId) {
        const hub = hubs.get(s.hubId);
        if (!hub) problems.push({ field: `input.stops.${i}.hubId`, reason: 'no such hub' });
        return hub?.place ?? null;
      }
      return storedPlace(s.place!);
    });
    input.stops.forEach((s, i) => {
      if (i === 0 && s.minutesAfterDeparture !== 0) problems.push({ field: 'input.stops.0.minutesAfterDeparture', reason: 'the first stop is the departure: 0' });
      if (i > 0 && s.minutesAfterDeparture <= input.stops[i - 1].minutesAfterDeparture) {
        problems.push({ field: `input.stops.${i}.minutesAfterDeparture`, reason: 'must come after the previous stop' });
      }
    });
    const known = places.filter((p): p is StoredPlace => p !== null);
    if (known.length === places.length && known.every((p) => haversineKm(p, known[0]) < SAME_PLACE_KM)) {
      problems.push({ field: 'input.stops', reason: 'the tour goes nowhere: every stop is at the first one' });
    }
    if (problems.length) throw new BadInputError(problems);
    const id = randomUUID();
    const stops = known;
    return this.dataSource.transaction(async (tx) => {
      try {
        await tx.insert(Tour, {
          id,
          ownerOrganisationId: principal.organisationId,
          name: input.name.trim(),
          vehicleType: input.vehicleType,
          weekdays,
          departureTime: input.departureTime,
          temperatureZone: input.temperatureZone,
          capacityPallets: input.capacity.pallets,
          capacityCrates: input.capacity.crates,
          capacityKg: input.capacity.kg,
          routeKm: routeKm(this.road, stops),
        });
      } catch (e) {
        if ((e as { code?: string }).code === '23505') throw new ConflictError('input.name', `your organisation already runs a tour named "${input.name.trim()}"`);
        throw e;
      }
      await tx.insert(
        TourStop,
        input.stops.map((s, seq) => ({ tourId: id, seq, place: stops[seq], hubId: s.hubId ?? null, minutesAfterDeparture: s.minutesAfterDeparture })),
      );
      await this.outbox.record(tx, {
        topic: Topic.TourScheduled,
        key: id,
        schema: TourScheduledSchema,
        message: { tourId: id, ownerOrganisationId: principal.organisationId, weekdays, stops: stops.map(wirePlace) },
        trace: newTrace(ctx.correlationId),
      });
      return tx.findOneByOrFail(Tour, { id });
    });
  }

  /**
   * The caller's organisation joins the tour at one stop, as a producer (goods picked up there) or
   * a customer (goods dropped there), on some or all of the tour's days.
   */
  async signUp(ctx: RequestContext, tourId: string, stopIndex: number, role: TourRoleEnum, weekdays: number[] | null): Promise<TourSignup> {
    const principal = requireOrganisation(ctx);
    // Ranges before any query (issue 14): a weekday that cannot exist is refused as such, not as "tour not found".
    if (weekdays?.some((d) => !Number.isInteger(d) || d < 1 || d > 7)) {
      throw new BadInputError([{ field: 'weekdays', reason: 'must be ISO weekdays: 1 = Monday ... 7 = Sunday' }]);
    }
    const tour = await this.findById(tourId);
    if (!tour) throw new NotFoundError('tour', tourId);
    const stopCount = await this.dataSource.getRepository(TourStop).countBy({ tourId });
    const problems: FieldProblem[] = [];
    if (!Number.isInteger(stopIndex) || stopIndex < 0 || stopIndex >= stopCount) {
      problems.push({ field: 'stopIndex', reason: `must be between 0 and ${stopCount - 1}` });
    } else if (role === 'PRODUCER' && stopIndex === stopCount - 1) {
      problems.push({ field: 'stopIndex', reason: 'a producer cannot join at the last stop: nothing is carried further' });
    } else if (role === 'CUSTOMER' && stopIndex === 0) {
      problems.push({ field: 'stopIndex', reason: 'a customer cannot join at the first stop: nothing has been loaded yet' });
    }
    const days = weekdays === null ? tour.weekdays : [...new Set(weekdays)].sort((a, b) => a - b);
    const off = days.filter((d) => !tour.weekdays.includes(d));
    if (!days.length) problems.push({ field: 'weekdays', reason: 'must name at least one of the tour days' });
    if (off.length) problems.push({ field: 'weekdays', reason: `the tour does not run on day ${off.join(', ')} (it runs on ${tour.weekdays.join(', ')})` });
    if (problems.length) throw new BadInputError(problems);
    const id = randomUUID();
    try {
      await this.dataSource.getRepository(TourSignup).insert({ id, tourId, stopSeq: stopIndex, organisationId: principal.organisationId, role, weekdays: days });
    } catch (e) {
      if ((e as { code?: string }).code === '23505') throw new ConflictError('stopIndex', `your organisation is already signed up at stop ${stopIndex} as ${role.toLowerCase()}`);
      throw e;
    }
    return this.dataSource.getRepository(TourSignup).findOneByOrFail({ id });
  }

  findById(id: string): Promise<Tour | null> {
    return this.dataSource.getRepository(Tour).findOneBy({ id });
  }

  /** Tours, those running on a weekday when given, by name. */
  list(weekday: number | null): Promise<Tour[]> {
    const qb = this.dataSource.getRepository(Tour).createQueryBuilder('t').orderBy('t.name', 'ASC').take(500);
    if (weekday !== null) qb.where(':weekday = ANY(t.weekdays)', { weekday });
    return qb.getMany();
  }

  stops(tourId: string): Promise<TourStop[]> {
    return this.dataSource.getRepository(TourStop).find({ where: { tourId }, order: { seq: 'ASC' } });
  }

  /** Who is signed up: all of them for the tour owner, only its own sign-ups for anyone else. */
  signups(ctx: RequestContext, tour: { id: string; ownerOrganisationId: string }): Promise<TourSignup[]> {
    const org = ctx.principal?.organisationId ?? null;
    if (!org) return Promise.resolve([]);
    const where = org === tour.ownerOrganisationId ? { tourId: tour.id } : { tourId: tour.id, organisationId: org };
    return this.dataSource.getRepository(TourSignup).find({ where, order: { stopSeq: 'ASC', createdAt: 'ASC' } });
  }
}
