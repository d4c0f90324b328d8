import { Args, ID, Mutation, Resolver } from '@nestjs/graphql';
import { Roles } from '@rim/auth';
import { Ctx, type RequestContext } from '@rim/service-kit';
import { DeliveriesService } from './deliveries.service';
import { DeliveryModel, deliveryModel } from './delivery.model';
import { DamageInput } from './dto/damage.input';

@Resolver(() => DeliveryModel)
export class DeliveriesResolver {
  constructor(private readonly service: DeliveriesService) {}

  @Roles('member', 'carrier', 'org-admin')
  @Mutation(() => DeliveryModel, { description: 'Trip owner only: the goods are on board (proof of pickup, signed by who handed them over).' })
  async confirmPickup(
    @Ctx() ctx: RequestContext,
    @Args('offerId', { type: () => ID }) offerId: string,
    @Args('signedBy') signedBy: string,
  ): Promise<DeliveryModel> {
    return deliveryModel(await this.service.confirmPickup(ctx, offerId, signedBy));
  }

  @Roles('member', 'carrier', 'org-admin')
  @Mutation(() => DeliveryModel, {
    description: 'Trip owner only, after the pickup: the goods arrived (proof of delivery, damage if any); publishes shipment-delivered with km, CO2 and CO2 avoided.',
  })
  async confirmDelivery(
    @Ctx() ctx: RequestContext,
    @Args('offerId', { type: () => ID }) offerId: string,
    @Args('receivedBy') receivedBy: string,
    // Typed DamageInput, not `DamageInput | null`: a union is emitted as Object, which the
    // validation pipe does not validate (a negative damage went through to the query, issue 14).
    @Args('damage', { type: () => DamageInput, nullable: true }) damage: DamageInput,
  ): Promise<DeliveryModel> {
    return deliveryModel(await this.service.confirmDelivery(ctx, offerId, receivedBy, damage ?? null));
  }
}
