import { Args, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Ctx, type RequestContext } from '@rim/service-kit';
import { BidReceiptModel } from './bid.model';
import { CapacityHoldModel } from './capacity-hold.model';
import { BidsService } from './bids.service';
import { SubmitBidInput } from './dto/submit-bid.input';

@Resolver(() => BidReceiptModel)
export class BidsResolver {
  constructor(private readonly service: BidsService) {}

  @Mutation(() => BidReceiptModel, { description: 'Seals and submits a bid (replacing the caller\'s earlier one); returns the receipt.' })
  submitBid(@Ctx() ctx: RequestContext, @Args('input') input: SubmitBidInput): Promise<BidReceiptModel> {
    return this.service.submit(ctx, input);
  }

  @Mutation(() => BidReceiptModel, { description: 'Withdraws a bid before the deadline, never after.' })
  withdrawBid(@Ctx() ctx: RequestContext, @Args('bidId', { type: () => ID }) bidId: string): Promise<BidReceiptModel> {
    return this.service.withdraw(ctx, bidId);
  }

  @Query(() => [BidReceiptModel], { description: "Receipts of the caller organisation's bids and its consortia's. Never their content." })
  myBids(@Ctx() ctx: RequestContext, @Args('tenderId', { type: () => ID, nullable: true }) tenderId?: string): Promise<BidReceiptModel[]> {
    return this.service.mine(ctx, tenderId ?? null);
  }

  @ResolveField(() => [CapacityHoldModel], { description: "Machine time held in booking for the members' committed hours (decision 0111)." })
  capacityHolds(@Ctx() ctx: RequestContext, @Parent() bid: BidReceiptModel): Promise<CapacityHoldModel[]> {
    return this.service.capacityHolds(ctx, bid.bidId);
  }
}
