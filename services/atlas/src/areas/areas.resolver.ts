import { Args, Int, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { CurrentPrincipal, Public, type Principal } from '@rim/auth';
import { BadInputError } from '@rim/service-kit';
import { asGraphQL } from '../common/as-graphql';
import { privileged } from '../common/privileged';
import { AtlasQuery } from '../model/atlas-query';
import { AtlasArea } from './atlas-area.model';
import { AtlasDailyValue } from './atlas-daily-value.model';

/** One area of the atlas: every indicator, the sector and tier mixes, the gaps and the history. Aggregates only. */
@Public()
@Resolver(() => AtlasArea)
export class AreasResolver {
  constructor(private readonly query: AtlasQuery) {}

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
