import { Args, ID, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Public, Roles } from '@rim/auth';
import { Ctx, type RequestContext } from '@rim/service-kit';
import { AuthorisationModel, authorisationModel } from './authorisation.model';
import { TrainingModel, trainingModel } from './training.model';
import { TrainingsService } from './trainings.service';

@Resolver(() => TrainingModel)
export class TrainingsResolver {
  constructor(private readonly service: TrainingsService) {}

  @Public()
  @Query(() => [TrainingModel])
  async trainingsOfOrganisation(@Args('organisationId', { type: () => ID }) organisationId: string): Promise<TrainingModel[]> {
    return (await this.service.listByOrganisation(organisationId)).map(trainingModel);
  }

  @Roles('org-admin', 'operator')
  @Mutation(() => TrainingModel)
  async createTraining(
    @Ctx() ctx: RequestContext,
    @Args('name') name: string,
    @Args('expiresAfterUnusedMonths', { type: () => Int, defaultValue: 12 }) expiresAfterUnusedMonths: number,
    @Args('organisationId', { type: () => ID, nullable: true, description: 'Operators only: the organisation onboarded.' }) organisationId?: string,
  ): Promise<TrainingModel> {
    return trainingModel(await this.service.create(ctx, name, expiresAfterUnusedMonths, organisationId));
  }

  @Roles('org-admin', 'operator')
  @Mutation(() => TrainingModel, { description: "Recognises another site's training as equivalent to this one." })
  async declareTrainingEquivalence(
    @Ctx() ctx: RequestContext,
    @Args('trainingId', { type: () => ID }) trainingId: string,
    @Args('recognisedTrainingId', { type: () => ID }) recognisedTrainingId: string,
  ): Promise<TrainingModel> {
    return trainingModel(await this.service.declareEquivalence(ctx, trainingId, recognisedTrainingId));
  }

  @Roles('org-admin', 'operator')
  @Mutation(() => AuthorisationModel, { description: 'Authorises a trained user (of any organisation) to book the assets the training gates.' })
  async grantAuthorisation(
    @Ctx() ctx: RequestContext,
    @Args('trainingId', { type: () => ID }) trainingId: string,
    @Args('userId', { type: () => ID }) userId: string,
    @Args('organisationId', { type: () => ID }) organisationId: string,
  ): Promise<AuthorisationModel> {
    return authorisationModel(await this.service.grant(ctx, trainingId, userId, organisationId));
  }
}
