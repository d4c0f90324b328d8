import { Args, ID, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Public, Roles } from '@rim/auth';
import { Ctx, type RequestContext } from '@rim/service-kit';
import { Plan } from './plan.entity';
import { PlansService } from './plans.service';
import { Subscription } from './subscription.entity';

@Resolver(() => Plan)
export class PlansResolver {
  constructor(private readonly service: PlansService) {}

  @Public()
  @Query(() => [Plan])
  plansOfOrganisation(@Args('organisationId', { type: () => ID }) organisationId: string): Promise<Plan[]> {
    return this.service.listByOrganisation(organisationId);
  }

  @Roles('org-admin', 'operator')
  @Mutation(() => Plan)
  createPlan(
    @Ctx() ctx: RequestContext,
    @Args('name') name: string,
    @Args('monthlyPriceCents', { type: () => Int }) monthlyPriceCents: number,
    @Args('monthlyHourQuota', { type: () => Int }) monthlyHourQuota: number,
    @Args('organisationId', { type: () => ID, nullable: true, description: 'Operators only: the organisation onboarded.' }) organisationId?: string,
  ): Promise<Plan> {
    return this.service.create(ctx, name, monthlyPriceCents, monthlyHourQuota, organisationId);
  }

  @Roles('member', 'org-admin')
  @Mutation(() => Subscription, { description: "Subscribes the caller's organisation to a plan." })
  subscribeToPlan(@Ctx() ctx: RequestContext, @Args('planId', { type: () => ID }) planId: string): Promise<Subscription> {
    return this.service.subscribe(ctx, planId);
  }
}
