import { Args, ID, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Public, Roles } from '@rim/auth';
import { Ctx, type RequestContext } from '@rim/service-kit';
import { PlanSubscriptionModel, planSubscriptionModel } from './plan-subscription.model';
import { PlanModel, planModel } from './plan.model';
import { PlansService } from './plans.service';

@Resolver(() => PlanModel)
export class PlansResolver {
  constructor(private readonly service: PlansService) {}

  @Public()
  @Query(() => [PlanModel])
  async plansOfOrganisation(@Args('organisationId', { type: () => ID }) organisationId: string): Promise<PlanModel[]> {
    return (await this.service.listByOrganisation(organisationId)).map(planModel);
  }

  @Roles('org-admin', 'operator')
  @Mutation(() => PlanModel)
  async createPlan(
    @Ctx() ctx: RequestContext,
    @Args('name') name: string,
    @Args('monthlyPriceCents', { type: () => Int }) monthlyPriceCents: number,
    @Args('monthlyHourQuota', { type: () => Int }) monthlyHourQuota: number,
    @Args('organisationId', { type: () => ID, nullable: true, description: 'Operators only: the organisation onboarded.' }) organisationId?: string,
  ): Promise<PlanModel> {
    return planModel(await this.service.create(ctx, name, monthlyPriceCents, monthlyHourQuota, organisationId));
  }

  @Roles('member', 'org-admin')
  @Mutation(() => PlanSubscriptionModel, { description: "Subscribes the caller's organisation to a plan." })
  async subscribeToPlan(@Ctx() ctx: RequestContext, @Args('planId', { type: () => ID }) planId: string): Promise<PlanSubscriptionModel> {
    return planSubscriptionModel(await this.service.subscribe(ctx, planId));
  }
}
