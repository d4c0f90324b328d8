import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Ctx, type RequestContext } from '@rim/service-kit';
import { ConsortiaService } from './consortia.service';
import { ConsortiumFormEnum } from './consortium-form.enum';
import { consortiumModel, ConsortiumModel } from './consortium.model';
import { CreateConsortiumInput } from './dto/create-consortium.input';
import { SetLotSharesInput } from './dto/set-lot-shares.input';

@Resolver(() => ConsortiumModel)
export class ConsortiaResolver {
  constructor(private readonly service: ConsortiaService) {}

  @Mutation(() => ConsortiumModel, { description: "Forms a consortium on an open call, led by the caller's organisation (the mandataire)." })
  async createConsortium(@Ctx() ctx: RequestContext, @Args('input') input: CreateConsortiumInput): Promise<ConsortiumModel> {
    return consortiumModel(await this.service.create(ctx, input));
  }

  @Mutation(() => ConsortiumModel, { description: 'The mandataire invites an organisation; it must accept before any bid.' })
  async inviteConsortiumMember(
    @Ctx() ctx: RequestContext,
    @Args('consortiumId', { type: () => ID }) consortiumId: string,
    @Args('organisationId', { type: () => ID }) organisationId: string,
  ): Promise<ConsortiumModel> {
    return consortiumModel(await this.service.invite(ctx, consortiumId, organisationId));
  }

  @Mutation(() => ConsortiumModel, { description: "Accepts or declines the invitation of the caller's organisation." })
  async respondToConsortiumInvitation(
    @Ctx() ctx: RequestContext,
    @Args('consortiumId', { type: () => ID }) consortiumId: string,
    @Args('accept') accept: boolean,
  ): Promise<ConsortiumModel> {
    return consortiumModel(await this.service.respond(ctx, consortiumId, accept));
  }

  @Mutation(() => ConsortiumModel)
  async setConsortiumForm(
    @Ctx() ctx: RequestContext,
    @Args('consortiumId', { type: () => ID }) consortiumId: string,
    @Args('form', { type: () => ConsortiumFormEnum }) form: ConsortiumFormEnum,
    @Args('leadJointlyLiable') leadJointlyLiable: boolean,
  ): Promise<ConsortiumModel> {
    return consortiumModel(await this.service.setForm(ctx, consortiumId, form, leadJointlyLiable));
  }

  @Mutation(() => ConsortiumModel, { description: 'Who performs a lot, with shares of its value and committed capacity (replaces the lot\'s shares).' })
  async setConsortiumLotShares(@Ctx() ctx: RequestContext, @Args('input') input: SetLotSharesInput): Promise<ConsortiumModel> {
    return consortiumModel(await this.service.setLotShares(ctx, input));
  }

  @Query(() => ConsortiumModel, { nullable: true, description: 'Its members and operators; the buyer once the bids are opened.' })
  async consortium(@Ctx() ctx: RequestContext, @Args('id', { type: () => ID }) id: string): Promise<ConsortiumModel | null> {
    const v = await this.service.find(ctx, id);
    return v ? consortiumModel(v) : null;
  }

  @Query(() => [ConsortiumModel], { description: "Consortia the caller's organisation leads, belongs to or is invited to." })
  async myConsortia(@Ctx() ctx: RequestContext): Promise<ConsortiumModel[]> {
    return (await this.service.mine(ctx)).map(consortiumModel);
  }
}
