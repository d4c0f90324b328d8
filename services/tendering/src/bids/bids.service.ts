import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';
import { BidSubmittedSchema, BidWithdrawnSchema, CapacityHoldRequestedSchema, ConsortiumForm as WireForm, ConsortiumFormedSchema, Topic } from '@rim/contracts';
import { OutboxWriter, newTrace } from '@rim/messaging';
import { BadInputError, ConflictError, NotFoundError, requireUuid, type FieldProblem, type RequestContext } from '@rim/service-kit';
import { AuditTrail } from '../audit/audit-trail';
import { actorOf } from '../common/actor';
import { forbidden } from '../common/forbidden';
import { requireOrganisation } from '../common/principal';
import { loadConsortium, readinessFor } from '../consortia/consortia.service';
import { loadLots, loadTender, type Lot, type Tender } from '../tenders/tender-store';
import type { BidStatus } from './bid.model';
import type { CapacityHoldModel, CapacityHoldState } from './capacity-hold.model';
import type { SubmitBidInput } from './dto/submit-bid.input';
import { Keyring } from './keyring';
import { sealBid } from './sealing';

export interface BidReceipt {
  bidId: string;
  tenderId: string;
  bidderOrganisationId: string;
  consortiumId: string | null;
  lotIds: string[];
  status: BidStatus;
  sealedSha256: string;
  receivedAt: Date;
  withdrawnAt: Date | null;
  replacesBidId: string | null;
}

/** The sealed content: what nobody may read before the deadline. */
export interface BidContent {
  lots: Array<{ lotId: string; priceEur: number; leadTimeDays: number; qualityStatement: string; co2Kg: number }>;
}

/* eslint-disable-next-line @typescript-eslint/no-explicit-any -- a row straight from pg */
export function receiptFromRow(r: any): BidReceipt {
  return {
    bidId: r.id,
    tenderId: r.tender_id,
    bidderOrganisationId: r.bidder_organisation_id,
    consortiumId: r.consortium_id,
    lotIds: r.lot_ids,
    status: r.status,
    sealedSha256: r.sealed_sha256,
    receivedAt: r.received_at,
    withdrawnAt: r.withdrawn_at,
    replacesBidId: r.replaces_bid_id,
  };
}

const RECEIPT_COLUMNS = 'id, tender_id, bidder_organisation_id, consortium_id, lot_ids, status, sealed_sha256, received_at, withdrawn_at, replaces_bid_id';

@Injectable()
export class BidsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly outbox: OutboxWriter,
    private readonly audit: AuditTrail,
    private readonly keyring: Keyring,
  ) {}

  /** Submission is accepted strictly before the deadline, whatever the sweep has done yet. */
  private assertBeforeDeadline(tender: Tender, now: Date, what: string): void {
    if (tender.status !== 'OPEN' || now.getTime() >= tender.submissionDeadline.getTime()) {
      throw new ConflictError('tenderId', `${what} only before the submission deadline (${tender.submissionDeadline.toISOString()}); the call is ${tender.status === 'OPEN' ? 'past its deadline' : tender.status}`);
    }
  }

  async submit(ctx: RequestContext, input: SubmitBidInput, now = new Date()): Promise<BidReceipt> {
    const principal = requireOrganisation(ctx);
    return this.dataSource.transaction(async (tx) => {
      // FOR SHARE: the deadline sweep (FOR UPDATE) waits for this submission, or this one sees CLOSED.
      const [row] = await tx.query(`SELECT id FROM call_for_tenders WHERE id = $1 FOR SHARE`, [input.tenderId]);
      if (!row) throw new NotFoundError('call for tenders', input.tenderId);
      const tender = await loadTender(tx, input.tenderId);
      if (tender.buyerOrganisationId === principal.organisationId) throw new BadInputError([{ field: 'input.tenderId', reason: 'the buyer cannot bid on its own call' }]);
      this.assertBeforeDeadline(tender, now, 'bids are received');
      const lots = await loadLots(tx, [tender.id]);
      const problems: FieldProblem[] = [];
      const seen = new Set<string>();
      input.lots.forEach((o, i) => {
        if (!lots.some((l) => l.id === o.lotId)) problems.push({ field: `input.lots.${i}.lotId`, reason: 'is not a lot of this call for tenders' });
        if (seen.has(o.lotId)) problems.push({ field: `input.lots.${i}.lotId`, reason: 'is answered twice in this bid' });
        seen.add(o.lotId);
      });
      if (problems.length) throw new BadInputError(problems);
      const answered = lots.filter((l) => seen.has(l.id));

      let consortium: Awaited<ReturnType<typeof loadConsortium>> | null = null;
      if (input.consortiumId) {
        consortium = await loadConsortium(tx, input.consortiumId, true);
        if (consortium.tenderId !== tender.id) throw new BadInputError([{ field: 'input.consortiumId', reason: 'was formed for another call for tenders' }]);
        if (consortium.leadOrganisationId !== principal.organisationId) throw forbidden('only the mandataire submits the consortium\'s bid');
        const missing = await readinessFor(tx, consortium, answered);
        if (missing.length) throw new BadInputError(missing);
      }

      const [previous] = await tx.query(
        `SELECT id, consortium_id FROM bid WHERE tender_id = $1 AND bidder_organisation_id = $2 AND status = 'SUBMITTED' FOR UPDATE`,
        [tender.id, principal.organisationId],
      );
      if (previous) {
        await tx.query(`UPDATE bid SET status = 'REPLACED', withdrawn_at = $2 WHERE id = $1`, [previous.id, now]);
        await this.outbox.record(tx, {
          topic: Topic.BidWithdrawn, key: tender.id, schema: BidWithdrawnSchema,
          message: { bidId: previous.id, tenderId: tender.id, bidderOrganisationId: principal.organisationId, replaced: true },
          trace: newTrace(ctx.correlationId),
        });
      }

      const bidId = randomUUID();
      const content: BidContent = {
        lots: input.lots.map((o) => ({ lotId: o.lotId, priceEur: o.priceEur, leadTimeDays: o.leadTimeDays, qualityStatement: o.qualityStatement.trim(), co2Kg: o.co2Kg })),
      };
      const tenderKey = await this.keyring.tenderKey(tx, tender.id);
      const sealed = sealBid(tenderKey, tender.id, bidId, content);
      tenderKey.fill(0);
      await tx.query(
        `INSERT INTO bid (id, tender_id, bidder_organisation_id, consortium_id, lot_ids, status, ciphertext, iv, auth_tag, wrapped_key, key_iv, key_auth_tag,
           sealed_sha256, received_at, replaces_bid_id)
         VALUES ($1, $2, $3, $4, $5, 'SUBMITTED', $6, $7, $8, $9, $10, $11, $12, $13, $14)`,
        [bidId, tender.id, principal.organisationId, consortium?.id ?? null, answered.map((l) => l.id), sealed.content.ciphertext, sealed.content.iv,
          sealed.content.authTag, sealed.wrappedKey.ciphertext, sealed.wrappedKey.iv, sealed.wrappedKey.authTag, sealed.sha256, now, previous?.id ?? null],
      );

      const commitments = consortium
        ? consortium.shares.filter((s) => seen.has(s.lotId)).map((s) => ({ ...s }))
        : [];
      if (consortium && !consortium.frozenAt) {
        await tx.query(`UPDATE consortium SET frozen_at = $2 WHERE id = $1`, [consortium.id, now]);
        await this.outbox.record(tx, {
          topic: Topic.ConsortiumFormed, key: consortium.id, schema: ConsortiumFormedSchema,
          message: {
            consortiumId: consortium.id, tenderId: tender.id, leadOrganisationId: consortium.leadOrganisationId,
            memberOrganisationIds: consortium.members.filter((m) => m.status === 'ACCEPTED').map((m) => m.organisationId),
            form: consortium.form ? WireForm[consortium.form] : WireForm.UNSPECIFIED,
            leadJointlyLiable: consortium.leadJointlyLiable, shares: commitments,
          },
          trace: newTrace(ctx.correlationId),
        });
        await this.audit.append(tx, tender.id, actorOf(ctx), 'consortium.frozen', { consortiumId: consortium.id, members: consortium.members.map((m) => m.organisationId) });
      }
      await this.outbox.record(tx, {
        topic: Topic.BidSubmitted, key: tender.id, schema: BidSubmittedSchema,
        message: {
          bidId, tenderId: tender.id, bidderOrganisationId: principal.organisationId, consortiumId: consortium?.id ?? '',
          lotIds: answered.map((l) => l.id), receivedAt: now.toISOString(), sealedSha256: sealed.sha256, replacesBidId: previous?.id ?? '', commitments,
        },
        trace: newTrace(ctx.correlationId),
      });
      await this.askForHolds(tx, ctx, tender, answered, bidId, commitments, now);
      await this.audit.append(tx, tender.id, actorOf(ctx), previous ? 'bid.replaced' : 'bid.submitted', {
        bidId, bidderOrganisationId: principal.organisationId, consortiumId: consortium?.id ?? null, sealedSha256: sealed.sha256,
        receivedAt: now.toISOString(), replacesBidId: previous?.id ?? null,
      });
      const [stored] = await tx.query(`SELECT ${RECEIPT_COLUMNS} FROM bid WHERE id = $1`, [bidId]);
      return receiptFromRow(stored);
    });
  }

  /**
   * The saga's first step (decision 0111): each member's committed hours become a hold request to
   * booking, for one block between the deadline and the lot's delivery date. Commitments in units
   * carry no machine time and ask for nothing.
   */
  private async askForHolds(
    tx: EntityManager, ctx: RequestContext, tender: Tender, lots: Lot[], bidId: string,
    commitments: Array<{ organisationId: string; lotId: string; committedQuantity: number; committedUnit: string; processCode: string }>, now: Date,
  ): Promise<void> {
    const asks = commitments.filter((c) => c.committedUnit === 'hours' && c.committedQuantity > 0).map((c) => {
      const lot = lots.find((l) => l.id === c.lotId) as Lot;
      const notBefore = new Date(Math.max(tender.submissionDeadline.getTime(), now.getTime()));
      return { organisationId: c.organisationId, lotId: c.lotId, processCode: c.processCode, hours: c.committedQuantity,
        notBefore: notBefore.toISOString(), deliverBy: new Date(`${lot.deliveryDate}T00:00:00.000Z`).toISOString() };
    });
    if (!asks.length) return;
    for (const a of asks) {
      await tx.query(`INSERT INTO bid_capacity_hold (bid_id, lot_id, organisation_id, process_code, hours) VALUES ($1, $2, $3, $4, $5)`,
        [bidId, a.lotId, a.organisationId, a.processCode, a.hours]);
    }
    const validityEnd = new Date(tender.submissionDeadline.getTime() + tender.bidValidityDays * 86_400_000);
    await this.outbox.record(tx, {
      topic: Topic.CapacityHoldRequested, key: tender.id, schema: CapacityHoldRequestedSchema,
      message: { bidId, tenderId: tender.id, asks, expiresAt: validityEnd.toISOString() },
      trace: newTrace(ctx.correlationId),
    });
  }

  async withdraw(ctx: RequestContext, bidId: string, now = new Date()): Promise<BidReceipt> {
    const principal = requireOrganisation(ctx);
    requireUuid('bidId', bidId);
    return this.dataSource.transaction(async (tx) => {
      const [bid] = await tx.query(`SELECT ${RECEIPT_COLUMNS} FROM bid WHERE id = $1 FOR UPDATE`, [bidId]);
      if (!bid || bid.bidder_organisation_id !== principal.organisationId) throw new NotFoundError('bid', bidId);
      const [row] = await tx.query(`SELECT id FROM call_for_tenders WHERE id = $1 FOR SHARE`, [bid.tender_id]);
      const tender = await loadTender(tx, row.id);
      this.assertBeforeDeadline(tender, now, 'a bid can be withdrawn');
      if (bid.status !== 'SUBMITTED') throw new ConflictError('bidId', `the bid is already ${bid.status.toLowerCase()}`);
      await tx.query(`UPDATE bid SET status = 'WITHDRAWN', withdrawn_at = $2 WHERE id = $1`, [bidId, now]);
      if (bid.consortium_id) await tx.query(`UPDATE consortium SET frozen_at = NULL WHERE id = $1`, [bid.consortium_id]);
      await this.outbox.record(tx, {
        topic: Topic.BidWithdrawn, key: tender.id, schema: BidWithdrawnSchema,
        message: { bidId, tenderId: tender.id, bidderOrganisationId: principal.organisationId, replaced: false },
        trace: newTrace(ctx.correlationId),
      });
      await this.audit.append(tx, tender.id, actorOf(ctx), 'bid.withdrawn', { bidId, consortiumId: bid.consortium_id });
      const [stored] = await tx.query(`SELECT ${RECEIPT_COLUMNS} FROM bid WHERE id = $1`, [bidId]);
      return receiptFromRow(stored);
    });
  }

  /** The caller organisation's receipts, and those of the consortia it belongs to. Never content. */
  async mine(ctx: RequestContext, tenderId: string | null): Promise<BidReceipt[]> {
    const principal = requireOrganisation(ctx);
    if (tenderId) requireUuid('tenderId', tenderId);
    const rows = await this.dataSource.query(
      `SELECT ${RECEIPT_COLUMNS} FROM bid b
        WHERE ($2::uuid IS NULL OR b.tender_id = $2)
          AND (b.bidder_organisation_id = $1 OR EXISTS (
            SELECT 1 FROM consortium_member m WHERE m.consortium_id = b.consortium_id AND m.organisation_id = $1 AND m.status = 'ACCEPTED'))
        ORDER BY b.received_at DESC LIMIT 200`,
      [principal.organisationId, tenderId],
    );
    return rows.map(receiptFromRow);
  }

  /**
   * Every member of the bid sees each hold's status and reason (the lead must know what to fix);
   * which asset and when only the member whose machine it is. Nobody outside the bid reaches this.
   */
  async capacityHolds(ctx: RequestContext, bidId: string): Promise<CapacityHoldModel[]> {
    const principal = requireOrganisation(ctx);
    const rows = await this.dataSource.query(
      `SELECT h.* FROM bid_capacity_hold h JOIN bid b ON b.id = h.bid_id
        WHERE h.bid_id = $1 AND (b.bidder_organisation_id = $2 OR EXISTS (
          SELECT 1 FROM consortium_member m WHERE m.consortium_id = b.consortium_id AND m.organisation_id = $2 AND m.status = 'ACCEPTED'))
        ORDER BY h.lot_id, h.organisation_id`,
      [bidId, principal.organisationId],
    );
    /* eslint-disable-next-line @typescript-eslint/no-explicit-any -- rows straight from pg */
    return rows.map((r: any) => {
      const own = r.organisation_id === principal.organisationId;
      return {
        organisationId: r.organisation_id, lotId: r.lot_id, processCode: r.process_code, hours: r.hours,
        status: r.status as CapacityHoldState, reason: r.reason,
        assetId: own ? r.asset_id : null, assetName: own ? r.asset_name : null, startsAt: own ? r.starts_at : null, endsAt: own ? r.ends_at : null,
      };
    });
  }
}
