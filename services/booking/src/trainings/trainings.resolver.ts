import { Args, ID, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Public, Roles } from '@rim/auth';
import { Ctx, type RequestContext } from '@rim/service-kit';
import { Authorisation } from './authorisation.entity';
import { Training } from './training.entity';
import { TrainingsService } from './trainings.service';

@Resolver(() => Training)
export class TrainingsResolver {
  constructor(private readonly service: TrainingsService) {}

  @Public()
  @Query(() => [Training])
  trainingsOfOrganisation(@Args('organisationId', { type: () => ID }) organisationId: string): Promise<Training[]> {
    return this.service.listByOrganisation(organisationId);
  }

  @Roles('org-admin', 'operator')
  @Mutation(() => Training)
  createTraining(
    @Ctx() ctx: RequestContext,
    @Args('name') name: string,
    @Args('expiresAfterUnusedMonths', { type: () => Int, defaultValue: 12 }) expiresAfterUnusedMonths: number,
    @Args('organisationId', { type: () => ID, nullable: true, description: 'Operators only: the organisation onboarded.' }) organisationId?: string,
  ): Promise<Training> {
    return this.service.create(ctx, name, expiresAfterUnusedMonths, organisationId);
  }

  @Roles('org-admin', 'operator')
  @Mutation(() => Training, { description: "Recognises another site's training as equivalent to this one." })
  declareTrainingEquivalence(
    @Ctx() ctx: RequestContext,
    @Args('trainingId', { type: () => ID }) trainingId: string,
    @Args('recognisedTrainingId', { type: () => ID }) recognisedTrainingId: string,
  ): Promise<Training> {
    return this.service.declareEquivalence(ctx, trainingId, recognisedTrainingId);
  }

  @Roles('org-admin', 'operator')
  @Mutation(() => Authorisation, { description: 'Authorises a trained user (of any organisation) to book the assets the training gates.' })
  grantAuthorisation(
    @Ctx() ctx: RequestContext,
    @Args('trainingId', { type: () => ID }) trainingId: string,
    @Args('userId', { type: () => ID }) userId: string,
    @Args('organisationId', { type: () => ID }) organisationId: string,
  ): Promise<Authorisation> {
    return this.service.grant(ctx, trainingId, userId, organisationId);
  }
}
