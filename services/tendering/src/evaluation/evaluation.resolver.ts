import { Args, Float, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Public, Roles } from '@rim/auth';
import { Ctx, NotFoundError, type RequestContext } from '@rim/service-kit';
import { AuditEntryModel } from '../audit/audit-entry.model';
import { AuditTrail } from '../audit/audit-trail';
import { AuditVerificationModel } from '../audit/audit-verification.model';
import { forbidden } from '../common/forbidden';
import { isOperator } from '../common/operator';
import { requireOrganisation } from '../common/principal';
import { requireText } from '../common/require-text';
import { loadTender } from '../tenders/tender-store';
import { CallForTendersModel } from '../tenders/tender.model';
import { TendersService } from '../tenders/tenders.service';
import { BidEvaluationModel } from './bid-evaluation.model';
import { EvaluationService } from './evaluation.service';

@Resolver()
export class EvaluationResolver {
  constructor(
    private readonly service: EvaluationService,
    private readonly tenders: TendersService,
    private readonly audit: AuditTrail,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  @Roles('buyer')
  @Mutation(() => CallForTendersModel, { description: 'CLOSED -> EVALUATION: decrypts the bids and scores them (the buyer, after the deadline).' })
  async openBids(@Ctx() ctx: RequestContext, @Args('tenderId', { type: () => ID }) tenderId: string): Promise<Partial<CallForTendersModel>> {
    return this.service.open(ctx, tenderId) as Promise<Partial<CallForTendersModel>>;
  }

  @Roles('buyer')
  @Mutation(() => [BidEvaluationModel], { description: "Marks a bid's quality statement (0-100) on a lot; the lot is re-scored." })
  rateBidQuality(
    @Ctx() ctx: RequestContext,
    @Args('bidId', { type: () => ID }) bidId: string,
    @Args('lotId', { type: () => ID }) lotId: string,
    @Args('mark', { type: () => Float }) mark: number,
  ): Promise<BidEvaluationModel[]> {
    return this.service.rateQuality(ctx, bidId, lotId, mark);
  }

  @Roles('buyer')
  @Mutation(() => CallForTendersModel, { description: 'Awards a lot to an opened bid; the standstill period starts, losing bidders are told.' })
  async awardLot(
    @Ctx() ctx: RequestContext,
    @Args('tenderId', { type: () => ID }) tenderId: string,
    @Args('lotId', { type: () => ID }) lotId: string,
    @Args('bidId', { type: () => ID }) bidId: string,
  ): Promise<Partial<CallForTendersModel>> {
    return this.service.award(ctx, tenderId, lotId, bidId) as Promise<Partial<CallForTendersModel>>;
  }

  @Roles('buyer')
  @Mutation(() => CallForTendersModel)
  async declareLotUnsuccessful(
    @Ctx() ctx: RequestContext,
    @Args('tenderId', { type: () => ID }) tenderId: string,
    @Args('lotId', { type: () => ID }) lotId: string,
    @Args('reason') reason: string,
  ): Promise<Partial<CallForTendersModel>> {
    return this.service.declareUnsuccessful(ctx, tenderId, lotId, requireText('reason', reason)) as Promise<Partial<CallForTendersModel>>;
  }

  @Roles('buyer')
  @Mutation(() => CallForTendersModel, { description: 'Signs the contract of an awarded lot once its standstill period is over.' })
  async signContract(
    @Ctx() ctx: RequestContext,
    @Args('tenderId', { type: () => ID }) tenderId: string,
    @Args('lotId', { type: () => ID }) lotId: string,
  ): Promise<Partial<CallForTendersModel>> {
    return this.service.signContract(ctx, tenderId, lotId) as Promise<Partial<CallForTendersModel>>;
  }

  @Query(() => [BidEvaluationModel], { description: 'Opened bids with their scores: the buyer and operators all, a bidder its own. Refused while sealed.' })
  bidEvaluations(@Ctx() ctx: RequestContext, @Args('tenderId', { type: () => ID }) tenderId: string): Promise<BidEvaluationModel[]> {
    return this.service.evaluations(ctx, tenderId);
  }

  @Query(() => [AuditEntryModel], { description: "The tender's audit trail: its buyer and operators." })
  async auditTrail(@Ctx() ctx: RequestContext, @Args('tenderId', { type: () => ID }) tenderId: string): Promise<AuditEntryModel[]> {
    const principal = requireOrganisation(ctx);
    const tender = await loadTender(this.dataSource.manager, tenderId);
    if (!isOperator(ctx) && principal.organisationId !== tender.buyerOrganisationId) throw forbidden('the audit trail is read by the buyer and operators');
    return (await this.audit.entries(this.dataSource.manager, tenderId)).map((e) => ({ ...e, detail: JSON.stringify(e.detail) }));
  }

  @Public()
  @Query(() => AuditVerificationModel, { description: "Recomputes the tender's hash chain and names the first entry that does not hold." })
  async verifyAuditTrail(@Ctx() ctx: RequestContext, @Args('tenderId', { type: () => ID }) tenderId: string): Promise<AuditVerificationModel> {
    const tender = await this.tenders.find(ctx, tenderId, 'tenderId');
    if (!tender) throw new NotFoundError('call for tenders', tenderId);
    return { tenderId, ...(await this.audit.verify(this.dataSource.manager, tenderId)) };
  }
}
