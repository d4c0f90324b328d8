import { Args, ID, Query, Resolver } from '@nestjs/graphql';
import { Ctx, type RequestContext } from '@rim/service-kit';
import { PartnerSuggestionsService } from './partner-suggestions.service';
import { PartnerSuggestionModel } from './partner-suggestion.model';

@Resolver(() => PartnerSuggestionModel)
export class PartnerSuggestionsResolver {
  constructor(private readonly service: PartnerSuggestionsService) {}

  @Query(() => [PartnerSuggestionModel], {
    description: 'Organisations that declare a process of the lot, near its delivery point, with spare capacity or free machine time before delivery; each with its reasons.',
  })
  partnerSuggestions(@Ctx() ctx: RequestContext, @Args('lotId', { type: () => ID }) lotId: string): Promise<PartnerSuggestionModel[]> {
    return this.service.forLot(ctx, lotId);
  }
}
