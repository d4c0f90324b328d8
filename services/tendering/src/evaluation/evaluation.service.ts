import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';
import { ContractSignedSchema, LotAwardedSchema, Topic } from '@rim/contracts';
import { OutboxWriter, newTrace } from '@rim/messaging';
import { BadInputError, ConflictError, NotFoundError, requireUuid, type RequestContext } from '@rim/service-kit';
import { AuditTrail } from '../audit/audit-trail';
import { openBid, sealedDigest } from '../bids/sealing';
import { Keyring } from '../bids/keyring';
import type { BidContent } from '../bids/bids.service';
import { actorOf } from '../common/actor';
import { forbidden } from '../common/forbidden';
import { num, numOrNull } from '../common/numbers';
import { isOperator } from '../common/operator';
import { requireOrganisation } from '../common/principal';
import { statusFromLots, type LotStatusName } from '../tenders/tender-lifecycle';
import { loadLots, loadTender, type Tender } from '../tenders/tender-store';
import { TenderTransitions } from '../tenders/tender-transitions';
import { TENDERING_OPTIONS, type TenderingOptions } from '../tenders/tenders.service';
import { scoreLot, type LotOffer } from './scoring';

export interface BidEvaluation {
  bidId: string;
  lotId: string;
  bidderOrganisationId: string;
  consortiumId: string | null;
  priceEur: number;
  leadTimeDays: number;
  qualityStatement: string;
  co2Kg: number;
  qualityMark: number | null;
  score: number;
  rule: string;
  rank: number;
  abnormallyLow: boolean;
  abnormallyLowReason: string | null;
  sealedSha256: string;
  receivedAt: Date;
}

const OPENED: Tender['status'][] = ['EVALUATION', 'AWARDED', 'CONTRACTED', 'UNSUCCESSFUL'];

@Injectable()
export class EvaluationService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly outbox: OutboxWriter,
    private readonly audit: AuditTrail,
    private readonly keyring: Keyring,
    private readonly transitions: TenderTransitions,
    @Inject(TENDERING_OPTIONS) private readonly options: TenderingOptions,
  ) {}

  private assertBuyer(ctx: RequestContext, tender: Tender): void {
    const principal = requireOrganisation(ctx);
    if (principal.organisationId !== tender.buyerOrganisationId) throw forbidden(`call for tenders ${tender.id} belongs to another buyer; only its buyer may do this`);
  }

  /**
   * Opens the sealed bids: only the buyer, only once the service has closed the call at its
   * deadline. Each bid's stored bytes are checked against its receipt before decryption.
   */
  async open(ctx: RequestContext, tenderId: string, now = new Date()): Promise<Tender> {
    return this.dataSource.transaction(async (tx) => {
      const tender = await loadTender(tx, tenderId, true);
      this.assertBuyer(ctx, tender);
      if (tender.status !== 'CLOSED' || now.getTime() < tender.submissionDeadline.getTime()) {
        throw new ConflictError('tenderId', `bids stay sealed until the deadline has passed and the call is closed; it is ${tender.status}, deadline ${tender.submissionDeadline.toISOString()}`);
      }
      const bids = await tx.query(`SELECT * FROM bid WHERE tender_id = $1 AND status = 'SUBMITTED' ORDER BY received_at`, [tender.id]);
      if (bids.length === 0) {
        await tx.query(`UPDATE tender_lot SET status = 'UNSUCCESSFUL' WHERE tender_id = $1 AND status = 'OPEN'`, [tender.id]);
        await this.transitions.move(tx, tender, 'UNSUCCESSFUL', actorOf(ctx), ctx.correlationId, 'no bid was received', now);
        return loadTender(tx, tender.id);
      }
      const key = await this.keyring.tenderKey(tx, tender.id);
      try {
        for (const b of bids) {
          const sealed = {
            content: { ciphertext: b.ciphertext, iv: b.iv, authTag: b.auth_tag },
            wrappedKey: { ciphertext: b.wrapped_key, iv: b.key_iv, authTag: b.key_auth_tag },
          };
          if (sealedDigest(sealed) !== b.sealed_sha256) {
            // Nothing is opened: an altered ciphertext is evidence, not something to decrypt around.
            throw new ConflictError('tenderId', `bid ${b.id} no longer matches its receipt ${b.sealed_sha256}: its stored ciphertext was altered`);
          }
          const content = openBid<BidContent>(key, tender.id, b.id, sealed);
          for (const o of content.lots) {
            await tx.query(
              `INSERT INTO bid_lot_evaluation (bid_id, lot_id, price_eur, lead_time_days, quality_statement, co2_kg, score, rule, abnormally_low, rank)
               VALUES ($1, $2, $3, $4, $5, $6, 0, '', false, 0)`,
              [b.id, o.lotId, o.priceEur, o.leadTimeDays, o.qualityStatement, o.co2Kg],
            );
          }
        }
      } finally {
        key.fill(0);
      }
      for (const lot of await loadLots(tx, [tender.id])) await this.rescore(tx, tender, lot.id);
      await this.transitions.move(tx, tender, 'EVALUATION', actorOf(ctx), ctx.correlationId, 'bids opened and scored', now);
      await this.audit.append(tx, tender.id, actorOf(ctx), 'bids.opened', { bids: bids.map((b: { id: string; sealed_sha256: string }) => ({ bidId: b.id, sealedSha256: b.sealed_sha256 })) });
      return loadTender(tx, tender.id);
    });
  }

  private async rescore(tx: EntityManager, tender: Tender, lotId: string): Promise<void> {
    const rows = await tx.query(`SELECT * FROM bid_lot_evaluation WHERE lot_id = $1`, [lotId]);
    if (!rows.length) return;
    const offers: LotOffer[] = rows.map((r: Record<string, unknown>) => ({
      bidId: r.bid_id as string, priceEur: num(r.price_eur), leadTimeDays: num(r.lead_time_days), co2Kg: num(r.co2_kg), qualityMark: numOrNull(r.quality_mark),
    }));
    for (const s of scoreLot(tender.criteria, offers)) {
      await tx.query(
        `UPDATE bid_lot_evaluation SET score = $3, rule = $4, rank = $5, abnormally_low = $6, abnormally_low_reason = $7 WHERE bid_id = $1 AND lot_id = $2`,
        [s.bidId, lotId, s.score, s.rule, s.rank, s.abnormallyLow, s.abnormallyLowReason],
      );
    }
  }

  async rateQuality(ctx: RequestContext, bidId: string, lotId: string, mark: number): Promise<BidEvaluation[]> {
    requireUuid('bidId', bidId);
    requireUuid('lotId', lotId);
    if (!(mark >= 0 && mark <= 100)) throw new BadInputError([{ field: 'mark', reason: 'must be between 0 and 100' }]);
    const tenderId = await this.dataSource.transaction(async (tx) => {
      const [row] = await tx.query(`SELECT b.tender_id FROM bid_lot_evaluation e JOIN bid b ON b.id = e.bid_id WHERE e.bid_id = $1 AND e.lot_id = $2`, [bidId, lotId]);
      if (!row) throw new NotFoundError('opened bid on lot', `${bidId}/${lotId}`);
      const tender = await loadTender(tx, row.tender_id, true);
      this.assertBuyer(ctx, tender);
      if (tender.status !== 'EVALUATION') throw new ConflictError('bidId', `marks are given during EVALUATION; the call is ${tender.status}`);
      await tx.query(`UPDATE bid_lot_evaluation SET quality_mark = $3 WHERE bid_id = $1 AND lot_id = $2`, [bidId, lotId, mark]);
      await this.rescore(tx, tender, lotId);
      await this.audit.append(tx, tender.id, actorOf(ctx), 'bid.quality-marked', { bidId, lotId, mark });
      return tender.id;
    });
    return this.evaluations(ctx, tenderId);
  }

  /**
   * The opened bids: the buyer and operators see all, a bidder its own. Before opening there is
   * nothing to show anyone, because nothing has been decrypted.
   */
  async evaluations(ctx: RequestContext, tenderId: string): Promise<BidEvaluation[]> {
    const principal = requireOrganisation(ctx);
    const tender = await loadTender(this.dataSource.manager, tenderId);
    if (!OPENED.includes(tender.status)) {
      throw new ConflictError('tenderId', `bids are sealed until the deadline (${tender.submissionDeadline.toISOString()}) and the buyer's opening; the call is ${tender.status}`);
    }
    const all = isOperator(ctx) || principal.organisationId === tender.buyerOrganisationId;
    const rows = await this.dataSource.query(
      `SELECT e.*, b.bidder_organisation_id, b.consortium_id, b.sealed_sha256, b.received_at FROM bid_lot_evaluation e JOIN bid b ON b.id = e.bid_id
        WHERE b.tender_id = $1 AND ($2 OR b.bidder_organisation_id = $3 OR EXISTS (
          SELECT 1 FROM consortium_member m WHERE m.consortium_id = b.consortium_id AND m.organisation_id = $3 AND m.status = 'ACCEPTED'))
        ORDER BY e.lot_id, e.rank`,
      [tender.id, all, principal.organisationId],
    );
    return rows.map((r: Record<string, unknown>) => ({
      bidId: r.bid_id as string,
      lotId: r.lot_id as string,
      bidderOrganisationId: r.bidder_organisation_id as string,
      consortiumId: (r.consortium_id as string) ?? null,
      priceEur: num(r.price_eur),
      leadTimeDays: num(r.lead_time_days),
      qualityStatement: r.quality_statement as string,
      co2Kg: num(r.co2_kg),
      qualityMark: numOrNull(r.quality_mark),
      score: num(r.score),
      rule: r.rule as string,
      rank: num(r.rank),
      abnormallyLow: r.abnormally_low as boolean,
      abnormallyLowReason: (r.abnormally_low_reason as string) ?? null,
      sealedSha256: r.sealed_sha256 as string,
      receivedAt: r.received_at as Date,
    }));
  }

  private async settleTender(tx: EntityManager, ctx: RequestContext, tender: Tender, now: Date): Promise<void> {
    const lots = await loadLots(tx, [tender.id]);
    const next = statusFromLots(lots.map((l) => l.status as LotStatusName));
    if (!next || next === tender.status) return;
    if (tender.status === 'EVALUATION' && next === 'CONTRACTED') return;
    await this.transitions.move(tx, tender, next, actorOf(ctx), ctx.correlationId, 'every lot decided', now);
    if (next === 'AWARDED' || next === 'UNSUCCESSFUL') {
      // Membership is frozen from submission until award.
      await tx.query(`UPDATE consortium SET frozen_at = NULL WHERE tender_id = $1`, [tender.id]);
    }
  }

  async award(ctx: RequestContext, tenderId: string, lotId: string, bidId: string, now = new Date()): Promise<Tender> {
    requireUuid('lotId', lotId);
    requireUuid('bidId', bidId);
    return this.dataSource.transaction(async (tx) => {
      const tender = await loadTender(tx, tenderId, true);
      this.assertBuyer(ctx, tender);
      if (tender.status !== 'EVALUATION') throw new ConflictError('tenderId', `lots are awarded during EVALUATION; the call is ${tender.status}`);
      const lot = (await loadLots(tx, [tender.id])).find((l) => l.id === lotId);
      if (!lot) throw new BadInputError([{ field: 'lotId', reason: 'is not a lot of this call for tenders' }]);
      if (lot.status !== 'OPEN') throw new ConflictError('lotId', `lot ${lot.number} is already ${lot.status}`);
      const offers = await tx.query(
        `SELECT e.bid_id, e.price_eur, b.bidder_organisation_id, b.consortium_id FROM bid_lot_evaluation e JOIN bid b ON b.id = e.bid_id WHERE e.lot_id = $1`,
        [lot.id],
      );
      const winner = offers.find((o: { bid_id: string }) => o.bid_id === bidId);
      if (!winner) throw new BadInputError([{ field: 'bidId', reason: `is not an opened bid on lot ${lot.number}` }]);
      const standstillEndsAt = new Date(now.getTime() + this.options.standstillSeconds * 1000);
      await tx.query(`UPDATE tender_lot SET status = 'AWARDED', awarded_bid_id = $2, awarded_at = $3, standstill_ends_at = $4 WHERE id = $1`, [
        lot.id, bidId, now, standstillEndsAt,
      ]);
      const members = await this.membersOf(tx, winner.consortium_id, winner.bidder_organisation_id);
      const losers = offers.filter((o: { bid_id: string }) => o.bid_id !== bidId);
      await this.outbox.record(tx, {
        topic: Topic.LotAwarded, key: tender.id, schema: LotAwardedSchema,
        message: {
          tenderId: tender.id, lotId: lot.id, winningBidId: bidId, winnerOrganisationId: winner.bidder_organisation_id, memberOrganisationIds: members,
          losingBidIds: losers.map((o: { bid_id: string }) => o.bid_id), losingOrganisationIds: losers.map((o: { bidder_organisation_id: string }) => o.bidder_organisation_id),
          standstillEndsAt: standstillEndsAt.toISOString(), awardedValueEur: num(winner.price_eur),
        },
        trace: newTrace(ctx.correlationId),
      });
      await this.audit.append(tx, tender.id, actorOf(ctx), 'lot.awarded', { lotId: lot.id, bidId, standstillEndsAt: standstillEndsAt.toISOString() });
      await this.settleTender(tx, ctx, tender, now);
      return loadTender(tx, tender.id);
    });
  }

  async declareUnsuccessful(ctx: RequestContext, tenderId: string, lotId: string, reason: string, now = new Date()): Promise<Tender> {
    requireUuid('lotId', lotId);
    return this.dataSource.transaction(async (tx) => {
      const tender = await loadTender(tx, tenderId, true);
      this.assertBuyer(ctx, tender);
      if (tender.status !== 'EVALUATION') throw new ConflictError('tenderId', `lots are decided during EVALUATION; the call is ${tender.status}`);
      const [, affected] = await tx.query(`UPDATE tender_lot SET status = 'UNSUCCESSFUL' WHERE id = $1 AND tender_id = $2 AND status = 'OPEN'`, [lotId, tender.id]);
      if (affected !== 1) throw new BadInputError([{ field: 'lotId', reason: 'is not an undecided lot of this call for tenders' }]);
      await this.audit.append(tx, tender.id, actorOf(ctx), 'lot.unsuccessful', { lotId, reason: reason.trim() });
      await this.settleTender(tx, ctx, tender, now);
      return loadTender(tx, tender.id);
    });
  }

  async signContract(ctx: RequestContext, tenderId: string, lotId: string, now = new Date()): Promise<Tender> {
    requireUuid('lotId', lotId);
    return this.dataSource.transaction(async (tx) => {
      const tender = await loadTender(tx, tenderId, true);
      this.assertBuyer(ctx, tender);
      const lot = (await loadLots(tx, [tender.id])).find((l) => l.id === lotId);
      if (!lot) throw new BadInputError([{ field: 'lotId', reason: 'is not a lot of this call for tenders' }]);
      if (tender.status !== 'AWARDED' || lot.status !== 'AWARDED') {
        throw new ConflictError('lotId', `a contract is signed for an awarded lot once every lot is decided; lot ${lot.number} is ${lot.status}, the call ${tender.status}`);
      }
      if (lot.standstillEndsAt && now.getTime() < lot.standstillEndsAt.getTime()) {
        throw new ConflictError('lotId', `the standstill period runs until ${lot.standstillEndsAt.toISOString()}: no contract before`);
      }
      const [winner] = await tx.query(
        `SELECT b.id, b.bidder_organisation_id, b.consortium_id, e.price_eur FROM bid b JOIN bid_lot_evaluation e ON e.bid_id = b.id AND e.lot_id = $2 WHERE b.id = $1`,
        [lot.awardedBidId, lot.id],
      );
      const contractId = randomUUID();
      await tx.query(`UPDATE tender_lot SET status = 'CONTRACTED', contract_id = $2, contracted_at = $3 WHERE id = $1`, [lot.id, contractId, now]);
      await this.outbox.record(tx, {
        topic: Topic.ContractSigned, key: tender.id, schema: ContractSignedSchema,
        message: {
          contractId, tenderId: tender.id, lotId: lot.id, bidId: winner.id, supplierOrganisationId: winner.bidder_organisation_id,
          memberOrganisationIds: await this.membersOf(tx, winner.consortium_id, winner.bidder_organisation_id), valueEur: num(winner.price_eur), signedAt: now.toISOString(),
        },
        trace: newTrace(ctx.correlationId),
      });
      await this.audit.append(tx, tender.id, actorOf(ctx), 'contract.signed', { lotId: lot.id, contractId, bidId: winner.id });
      await this.settleTender(tx, ctx, tender, now);
      return loadTender(tx, tender.id);
    });
  }

  private async membersOf(tx: EntityManager, consortiumId: string | null, bidder: string): Promise<string[]> {
    if (!consortiumId) return [bidder];
    const rows = (await tx.query(`SELECT organisation_id FROM consortium_member WHERE consortium_id = $1 AND status = 'ACCEPTED' ORDER BY role, organisation_id`, [
      consortiumId,
    ])) as Array<{ organisation_id: string }>;
    return rows.map((r) => r.organisation_id);
  }
}
