import { Args, ID, Mutation, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { Public, Roles } from '@rim/auth';
import { Ctx, requireUuid, type RequestContext } from '@rim/service-kit';
import { OrganisationModel } from '../organisations/organisation.model';
import { DeclareLabelInput } from './dto/declare-label.input';
import { OriginLabelModel } from './label.model';
import { LabelsService } from './labels.service';

@Resolver(() => OrganisationModel)
export class LabelsResolver {
  constructor(private readonly service: LabelsService) {}

  @Roles('org-admin', 'operator')
  @Mutation(() => OriginLabelModel, { description: 'Declares an origin label; its rule is checked now.' })
  declareLabel(
    @Ctx() ctx: RequestContext,
    @Args('organisationId', { type: () => ID }) organisationId: string,
    @Args('input') input: DeclareLabelInput,
  ): Promise<OriginLabelModel> {
    return this.service.declare(ctx, requireUuid('organisationId', organisationId), input);
  }

  @Public()
  @ResolveField(() => [OriginLabelModel])
  labels(@Parent() organisation: OrganisationModel): Promise<OriginLabelModel[]> {
    return this.service.forOrganisation(organisation.id);
  }
}
