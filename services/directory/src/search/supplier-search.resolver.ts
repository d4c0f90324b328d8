import { Args, Float, ID, Int, Query, Resolver } from '@nestjs/graphql';
import { Public } from '@rim/auth';
import { BadInputError, requireUuid } from '@rim/service-kit';
import { SupplierSearchInput } from './dto/supplier-search.input';
import { SupplierMatchConnection, SupplierMatchModel } from './supplier-match.model';
import { SupplierSearchService } from './supplier-search.service';

const MAX_PAGE = 100;

@Resolver()
export class SupplierSearchResolver {
  constructor(private readonly search: SupplierSearchService) {}

  @Public()
  @Query(() => SupplierMatchConnection, {
    description: 'Suppliers by capability, label, place, lead time, spare capacity and tier; nearest first when a centre is given.',
  })
  async searchSuppliers(
    @Args('filter', { type: () => SupplierSearchInput, defaultValue: {} }) filter: SupplierSearchInput,
    @Args('first', { type: () => Int, defaultValue: 20 }) first: number,
    @Args('after', { type: () => String, nullable: true }) after: string | null,
  ): Promise<SupplierMatchConnection> {
    if (first < 1 || first > MAX_PAGE) throw new BadInputError([{ field: 'first', reason: `must be between 1 and ${MAX_PAGE}` }]);
    const page = await this.search.search(filter, first, after);
    return {
      edges: page.items.map(({ cursor, match }) => ({ cursor, node: match })),
      endCursor: page.endCursor,
      hasNextPage: page.hasNextPage,
    };
  }

  @Public()
  @Query(() => [SupplierMatchModel], {
    description: 'After a disruption: organisations near this one that run the same process, with spare capacity first.',
  })
  findSubstitute(
    @Args('organisationId', { type: () => ID }) organisationId: string,
    @Args('processCode') processCode: string,
    @Args('radiusKm', { type: () => Float, defaultValue: 100 }) radiusKm: number,
    @Args('horizonDays', { type: () => Int, defaultValue: 30 }) horizonDays: number,
    @Args('first', { type: () => Int, defaultValue: 10 }) first: number,
  ): Promise<SupplierMatchModel[]> {
    if (first < 1 || first > MAX_PAGE) throw new BadInputError([{ field: 'first', reason: `must be between 1 and ${MAX_PAGE}` }]);
    return this.search.findSubstitutes(requireUuid('organisationId', organisationId), processCode, radiusKm, horizonDays, first);
  }
}
