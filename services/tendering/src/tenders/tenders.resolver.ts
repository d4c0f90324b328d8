import { Args, ID, Int, Mutation, Parent, Query, ResolveField, Resolver, ResolveReference } from '@nestjs/graphql';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Public, Roles } from '@rim/auth';
import { Ctx, isUuid, type RequestContext } from '@rim/service-kit';
import { requireText } from '../common/require-text';
import { OrganisationRef } from '../organisations/organisation-ref.model';
import { CreateCallForTendersInput } from './dto/create-call-for-tenders.input';
import { lotModel, LotModel } from './lot.model';
import { QuestionModel } from './question.model';
import { organisationName } from './tender-store';
import { CallForTendersModel, tenderModel, type TenderShape } from './tender.model';
import { TendersService } from './tenders.service';

@Resolver(() => CallForTendersModel)
export class TendersResolver {
  constructor(
    private readonly service: TendersService,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  @Roles('buyer')
  @Mutation(() => CallForTendersModel, { description: "Drafts a call for tenders for the caller's organisation (the buyer role is required)." })
  async createCallForTenders(@Ctx() ctx: RequestContext, @Args('input') input: CreateCallForTendersInput): Promise<TenderShape> {
    return tenderModel(await this.service.create(ctx, input));
  }

  @Roles('buyer')
  @Mutation(() => CallForTendersModel, { description: 'DRAFT -> OPEN: suppliers may ask questions and bid until the deadline.' })
  async publishCallForTenders(@Ctx() ctx: RequestContext, @Args('id', { type: () => ID }) id: string): Promise<TenderShape> {
    return tenderModel(await this.service.publish(ctx, id));
  }

  @Roles('buyer')
  @Mutation(() => CallForTendersModel)
  async cancelCallForTenders(
    @Ctx() ctx: RequestContext,
    @Args('id', { type: () => ID }) id: string,
    @Args('reason') reason: string,
  ): Promise<TenderShape> {
    return tenderModel(await this.service.cancel(ctx, id, requireText('reason', reason)));
  }

  @Mutation(() => QuestionModel, { description: 'Asks the buyer a question before the deadline; every supplier sees it, nobody sees who asked.' })
  askTenderQuestion(
    @Ctx() ctx: RequestContext,
    @Args('tenderId', { type: () => ID }) tenderId: string,
    @Args('question') question: string,
  ): Promise<QuestionModel> {
    return this.service.ask(ctx, tenderId, requireText('question', question));
  }

  @Roles('buyer')
  @Mutation(() => QuestionModel)
  answerTenderQuestion(
    @Ctx() ctx: RequestContext,
    @Args('questionId', { type: () => ID }) questionId: string,
    @Args('answer') answer: string,
  ): Promise<QuestionModel> {
    return this.service.answer(ctx, questionId, requireText('answer', answer));
  }

  @Public()
  @Query(() => CallForTendersModel, { nullable: true, description: 'A published call (drafts: its buyer and operators only).' })
  async callForTenders(@Ctx() ctx: RequestContext, @Args('id', { type: () => ID }) id: string): Promise<TenderShape | null> {
    const t = await this.service.find(ctx, id);
    return t ? tenderModel(t) : null;
  }

  @Public()
  @Query(() => [CallForTendersModel], { description: 'Published calls, latest deadline first, plus the caller organisation\'s drafts.' })
  async callsForTenders(@Ctx() ctx: RequestContext): Promise<TenderShape[]> {
    return (await this.service.list(ctx)).map(tenderModel);
  }

  @Public()
  @ResolveReference()
  async resolveReference(ref: { id: string }, @Ctx() ctx: RequestContext): Promise<TenderShape | null> {
    if (!isUuid(ref.id)) return null;
    const t = await this.service.find(ctx, ref.id);
    return t ? tenderModel(t) : null;
  }

  @ResolveField(() => [LotModel])
  async lots(@Parent() t: TenderShape): Promise<LotModel[]> {
    return (await this.service.lots(t.id)).map(lotModel);
  }

  @ResolveField(() => Int)
  bidCount(@Parent() t: TenderShape): Promise<number> {
    return this.service.bidCount(t.id);
  }

  @ResolveField(() => [QuestionModel])
  questions(@Parent() t: TenderShape): Promise<QuestionModel[]> {
    return this.service.questions(t.id);
  }

  @ResolveField(() => OrganisationRef, { description: 'The buying organisation, resolved by the directory.' })
  buyer(@Parent() t: TenderShape): OrganisationRef {
    return { id: t.buyerOrganisationId };
  }

  @ResolveField(() => String, { nullable: true })
  buyerName(@Parent() t: TenderShape): Promise<string | null> {
    return organisationName(this.dataSource.manager, t.buyerOrganisationId);
  }
}

