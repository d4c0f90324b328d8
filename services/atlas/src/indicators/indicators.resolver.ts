import { Args, Query, Resolver } from '@nestjs/graphql';
import { CurrentPrincipal, Public, type Principal } from '@rim/auth';
import { asGraphQL } from '../common/as-graphql';
import { AtlasValue } from '../common/atlas-value.model';
import { privileged } from '../common/privileged';
import { AtlasQuery } from '../model/atlas-query';
import { AtlasIndicator } from './atlas-indicator.model';

/** The indicators of the atlas, and one of them over every area of a level. Aggregates only. */
@Public()
@Resolver()
export class IndicatorsResolver {
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
}
