import { Args, ID, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Public, Roles } from '@rim/auth';
import { BadInputError, Ctx, type RequestContext } from '@rim/service-kit';
import type { TemperatureZone } from '../common/cargo.enums';
import { ScheduleTourInput, TourRoleEnum } from './dto/schedule-tour.input';
import { nextDepartures } from './tour-calendar';
import type { Tour, TourSignup } from './tour.entity';
import { TourModel, TourSignupModel, TourStopModel } from './tour.model';
import { ToursService } from './tours.service';

function tourModel(t: Tour): Omit<TourModel, 'stops'> {
  return {
    id: t.id,
    ownerOrganisationId: t.ownerOrganisationId,
    name: t.name,
    vehicleType: t.vehicleType,
    weekdays: t.weekdays,
    departureTime: t.departureTime.slice(0, 5),
    temperatureZone: t.temperatureZone as TemperatureZone,
    capacity: { pallets: t.capacityPallets, crates: t.capacityCrates, kg: t.capacityKg },
    routeKm: t.routeKm,
  };
}

function signupModel(s: TourSignup): TourSignupModel {
  return { id: s.id, organisationId: s.organisationId, stopIndex: s.stopSeq, role: s.role as TourRoleEnum, weekdays: s.weekdays };
}

@Resolver(() => TourModel)
export class ToursResolver {
  constructor(private readonly service: ToursService) {}

  @Roles('member', 'carrier', 'org-admin')
  @Mutation(() => TourModel, { description: "Schedules a weekly tour driven by the caller's organisation; publishes tour-scheduled." })
  async scheduleTour(@Ctx() ctx: RequestContext, @Args('input') input: ScheduleTourInput): Promise<Partial<TourModel>> {
    return tourModel(await this.service.schedule(ctx, input));
  }

  @Roles('member', 'buyer', 'carrier', 'org-admin')
  @Mutation(() => TourSignupModel, { description: "Signs the caller's organisation up at one stop, as producer or customer, on some or all tour days." })
  async signUpForTour(
    @Ctx() ctx: RequestContext,
    @Args('tourId', { type: () => ID }) tourId: string,
    @Args('stopIndex', { type: () => Int }) stopIndex: number,
    @Args('role', { type: () => TourRoleEnum }) role: TourRoleEnum,
    @Args('weekdays', { type: () => [Int], nullable: true, description: 'Default: every tour day.' }) weekdays: number[] | null,
  ): Promise<TourSignupModel> {
    return signupModel(await this.service.signUp(ctx, tourId, stopIndex, role, weekdays ?? null));
  }

  @Public()
  @Query(() => TourModel, { nullable: true })
  async tour(@Args('id', { type: () => ID }) id: string): Promise<Partial<TourModel> | null> {
    const t = await this.service.findById(id);
    return t ? tourModel(t) : null;
  }

  @Public()
  @Query(() => [TourModel], { description: 'Weekly tours, those running on a weekday (1 = Monday) when given.' })
  async tours(@Args('weekday', { type: () => Int, nullable: true }) weekday: number | null): Promise<Array<Partial<TourModel>>> {
    if (weekday !== null && weekday !== undefined && !(weekday >= 1 && weekday <= 7)) {
      throw new BadInputError([{ field: 'weekday', reason: 'must be from 1 (Monday) to 7 (Sunday)' }]);
    }
    return (await this.service.list(weekday ?? null)).map(tourModel);
  }

  @ResolveField(() => [TourStopModel])
  async stops(@Parent() tour: TourModel): Promise<TourStopModel[]> {
    return (await this.service.stops(tour.id)).map((s) => ({ index: s.seq, place: s.place, hubId: s.hubId, minutesAfterDeparture: s.minutesAfterDeparture }));
  }

  @ResolveField(() => [TourSignupModel], { description: 'All sign-ups for the tour owner; your own for anyone else.' })
  async signups(@Ctx() ctx: RequestContext, @Parent() tour: TourModel): Promise<TourSignupModel[]> {
    return (await this.service.signups(ctx, tour)).map(signupModel);
  }

  @ResolveField(() => [Date], { description: 'The next departures (Europe/Paris time, as instants).' })
  nextDepartures(@Parent() tour: TourModel, @Args('count', { type: () => Int, defaultValue: 4 }) count: number): Date[] {
    if (count < 1 || count > 52) throw new BadInputError([{ field: 'count', reason: 'must be between 1 and 52' }]);
    return nextDepartures(tour.weekdays, tour.departureTime, new Date(), count);
  }
}
