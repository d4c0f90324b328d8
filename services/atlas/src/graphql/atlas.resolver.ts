import { Args, Int, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { CurrentPrincipal, ForbiddenError, hasRole, Public, type Principal } from '@rim/auth';
import { BadInputError, NotFoundError } from '@rim/service-kit';
import { AtlasQuery, AtlasRequestError } from '../model/atlas-query';
import { AtlasArea, AtlasDailyValue, AtlasIndicator, AtlasValue } from './atlas.models';

const privileged = (p: Principal | undefined): boolean => (p ? hasRole(p, 'authority', 'operator') : false);

/** GraphQL errors for the atlas's refusals, naming the argument. */
function asGraphQL<T>(work: () => T): T {
  try {
    return work();
  } catch (error) {
    if (!(error instanceof AtlasRequestError)) throw error;
    if (error.status === 403) throw new ForbiddenError('FORBIDDEN_MISSING_ROLE', `${error.field}: ${error.message}`);
    if (error.status === 404) throw new NotFoundError(`${error.field}:`, error.message);
    throw new BadInputError([{ field: error.field, reason: error.message }]);
  }
}

/** The atlas in the one graph: indicators by level, area and period. Aggregates only. */
@Public()
@Resolver(() => AtlasArea)
export class AtlasResolver {
  constructor(private readonly query: AtlasQuery) {}

  @Query(() => [AtlasIndicator], { description: 'The indicators the caller may see.' })
  atlasIndicators(@CurrentPrincipal({ optional: true }) principal?: Principal): AtlasIndicator[] {
    return this.query.indicators(privileged(principal));
  }

  @Query(() => [AtlasValue], { description: 'One indicator over every area of a level (optionally within a larger area).' })
  atlasValues(
    @Args('level') level: string,
    @Args('indicator') indicator: string,
    @Args('within', { nullable: true, description: '<level>:<code>, e.g. epci:200040715' }) within?: string,
    @CurrentPrincipal({ optional: true }) principal?: Principal,
  ): AtlasValue[] {
    return asGraphQL(() => {
      const l = this.query.level(level);
      const d = this.query.indicator(indicator, privileged(principal));
      return this.query.values(l, d.key, this.query.within(within, l)).map(({ geometry: _g, centre: _c, ...v }) => v);
    });
  }

  @Query(() => AtlasArea, { description: 'An area with every indicator the caller may see.' })
  atlasArea(@Args('level') level: string, @Args('code') code: string, @CurrentPrincipal({ optional: true }) principal?: Principal): AtlasArea {
    return asGraphQL(() => {
      const l = this.query.level(level);
      const name = this.query.areaName(l, code);
      const indicators = this.query.indicators(privileged(principal)).map((d) => {
        const v = this.query.values(l, d.key, null).find((x) => x.code === code);
        return { level: l, code, name, indicator: d.key, value: v?.value ?? 0, withheld: v?.withheld ?? false, withheldReason: v?.withheldReason ?? null };
      });
      return { level: l, code, name, indicators, ...this.query.mixes(l, code), gaps: this.query.gaps(l, code) };
    });
  }

  @ResolveField(() => [AtlasDailyValue], { description: 'Daily published values over a period (last `days` days).' })
  async history(
    @Parent() area: AtlasArea,
    @Args('indicator') indicator: string,
    @Args('days', { type: () => Int, defaultValue: 30 }) days: number,
    @CurrentPrincipal({ optional: true }) principal?: Principal,
  ): Promise<AtlasDailyValue[]> {
    const d = asGraphQL(() => this.query.indicator(indicator, privileged(principal)));
    if (days < 1 || days > 3660) throw new BadInputError([{ field: 'days', reason: 'must be between 1 and 3660' }]);
    return this.query.history(area.level as never, area.code, d.key, days);
  }
}
