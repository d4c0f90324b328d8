import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { TenderClosedSchema, TenderPublishedSchema, Topic } from '@rim/contracts';
import { OutboxWriter, newTrace } from '@rim/messaging';
import { BadInputError, ConflictError, NotFoundError, requireUuid, type FieldProblem, type RequestContext } from '@rim/service-kit';
import { AuditTrail } from '../audit/audit-trail';
import { Keyring } from '../bids/keyring';
import { actorOf } from '../common/actor';
import { forbidden } from '../common/forbidden';
import { isOperator } from '../common/operator';
import { requireOrganisation } from '../common/principal';
import type { CreateCallForTendersInput } from './dto/create-call-for-tenders.input';
import { TenderTransitions } from './tender-transitions';
import { bidCount, loadLots, loadTender, tenderFromRow, type Lot, type Tender } from './tender-store';

export const TENDERING_OPTIONS = Symbol('TENDERING_OPTIONS');
export interface TenderingOptions {
  deadlineSweepMs: number;
  standstillSeconds: number;
}

export interface Question {
  id: string;
  question: string;
  answer: string | null;
  askedAt: Date;
  answeredAt: Date | null;
}

@Injectable()
export class TendersService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('DeadlineSweep');
  private timer: NodeJS.Timeout | null = null;
  private sweeping: Promise<unknown> | null = null;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly outbox: OutboxWriter,
    private readonly audit: AuditTrail,
    private readonly transitions: TenderTransitions,
    private readonly keyring: Keyring,
    @Inject(TENDERING_OPTIONS) private readonly options: TenderingOptions,
  ) {}

  /** The service closes tenders itself at their deadline: no request is needed, nobody can forget it. */
  onApplicationBootstrap(): void {
    this.timer = setInterval(() => {
      if (this.sweeping) return;
      this.sweeping = this.closeDue()
        .catch((e: unknown) => this.logger.error(`closing due tenders failed: ${(e as Error).stack ?? e}`))
        .finally(() => (this.sweeping = null));
    }, this.options.deadlineSweepMs);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.sweeping;
  }

  /**
   * Closes every OPEN tender whose deadline has passed, each in its own transaction. SKIP LOCKED
   * lets several replicas sweep at once without closing a tender twice.
   */
  async closeDue(now = new Date()): Promise<string[]> {
    const closed: string[] = [];
    for (;;) {
      const id = await this.dataSource.transaction(async (tx) => {
        const [row] = await tx.query(
          `SELECT * FROM call_for_tenders WHERE status = 'OPEN' AND submission_deadline <= $1 ORDER BY submission_deadline LIMIT 1 FOR UPDATE SKIP LOCKED`,
          [now],
        );
        if (!row) return null;
        const tender = tenderFromRow(row);
        const trace = randomUUID();
        await this.transitions.move(tx, tender, 'CLOSED', 'service:deadline-sweep', trace, 'the submission deadline passed', now);
        const count = await bidCount(tx, tender.id);
        await this.outbox.record(tx, {
          topic: Topic.TenderClosed,
          key: tender.id,
          schema: TenderClosedSchema,
          message: { tenderId: tender.id, closedAt: now.toISOString(), bidCount: count },
          trace: newTrace(trace),
        });
        await this.audit.append(tx, tender.id, 'service:deadline-sweep', 'tender.bids-counted', { bidCount: count });
        return tender.id;
      });
      if (!id) return closed;
      closed.push(id);
    }
  }

  async create(ctx: RequestContext, input: CreateCallForTendersInput, now = new Date()): Promise<Tender> {
    const principal = requireOrganisation(ctx);
    const problems: FieldProblem[] = [];
    const c = input.criteria;
    const sum = c.price + c.leadTime + c.quality + c.co2;
    if (sum !== 100) problems.push({ field: 'input.criteria', reason: `weights must sum to 100, they sum to ${sum}` });
    if (input.submissionDeadline.getTime() <= now.getTime()) problems.push({ field: 'input.submissionDeadline', reason: 'must be in the future' });
    input.lots.forEach((lot, i) => {
      if (new Date(`${lot.deliveryDate}T23:59:59Z`).getTime() < input.submissionDeadline.getTime()) {
        problems.push({ field: `input.lots.${i}.deliveryDate`, reason: 'must not be before the submission deadline' });
      }
      if (Number.isNaN(new Date(`${lot.deliveryDate}T00:00:00Z`).getTime())) problems.push({ field: `input.lots.${i}.deliveryDate`, reason: 'is not a calendar date' });
      if ((lot.deliveryLatitude == null) !== (lot.deliveryLongitude == null)) {
        problems.push({ field: `input.lots.${i}.deliveryLongitude`, reason: 'give both the latitude and the longitude of the delivery point, or neither' });
      }
    });
    if (problems.length) throw new BadInputError(problems);
    const id = randomUUID();
    await this.dataSource.transaction(async (tx) => {
      await tx.query(
        `INSERT INTO call_for_tenders (id, buyer_organisation_id, title, description, status, submission_deadline, bid_validity_days,
           weight_price, weight_lead_time, weight_quality, weight_co2, guarantee_retention_percent, guarantee_first_demand_eur)
         VALUES ($1, $2, $3, $4, 'DRAFT', $5, $6, $7, $8, $9, $10, $11, $12)`,
        [id, principal.organisationId, input.title.trim(), input.description.trim(), input.submissionDeadline, input.bidValidityDays,
          c.price, c.leadTime, c.quality, c.co2, input.guarantee?.retentionPercent ?? null, input.guarantee?.firstDemandAmountEur ?? null],
      );
      for (const [i, lot] of input.lots.entries()) {
        await tx.query(
          `INSERT INTO tender_lot (id, tender_id, number, title, required_processes, quantity, unit, delivery_commune_insee, delivery_label, delivery_date,
             delivery_latitude, delivery_longitude)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
          [randomUUID(), id, i + 1, lot.title.trim(), [...new Set(lot.requiredProcesses)], lot.quantity, lot.unit.trim(), lot.deliveryCommuneInsee, lot.deliveryLabel?.trim() || null, lot.deliveryDate,
            lot.deliveryLatitude ?? null, lot.deliveryLongitude ?? null],
        );
      }
      await this.audit.append(tx, id, actorOf(ctx), 'tender.created', { title: input.title.trim(), lots: input.lots.length, criteria: { ...c } });
    });
    return loadTender(this.dataSource.manager, id);
  }

  private assertBuyer(ctx: RequestContext, tender: Tender): void {
    const principal = requireOrganisation(ctx);
    if (principal.organisationId !== tender.buyerOrganisationId) throw forbidden(`call for tenders ${tender.id} belongs to another buyer; only its buyer may do this`);
  }

  async publish(ctx: RequestContext, id: string, now = new Date()): Promise<Tender> {
    return this.dataSource.transaction(async (tx) => {
      const tender = await loadTender(tx, id, true);
      this.assertBuyer(ctx, tender);
      if (tender.submissionDeadline.getTime() <= now.getTime()) {
        throw new ConflictError('submissionDeadline', 'the deadline has already passed: create a new call with a later deadline');
      }
      await this.transitions.move(tx, tender, 'OPEN', actorOf(ctx), ctx.correlationId, 'published by the buyer', now);
      await this.keyring.create(tx, tender.id);
      const lots = await loadLots(tx, [tender.id]);
      await this.outbox.record(tx, {
        topic: Topic.TenderPublished,
        key: tender.id,
        schema: TenderPublishedSchema,
        message: {
          tenderId: tender.id,
          buyerOrganisationId: tender.buyerOrganisationId,
          title: tender.title,
          submissionDeadline: tender.submissionDeadline.toISOString(),
          lots: lots.map((l) => ({
            lotId: l.id, number: l.number, title: l.title, requiredProcesses: l.requiredProcesses, quantity: l.quantity, unit: l.unit,
            deliveryCommuneInsee: l.deliveryCommuneInsee, deliveryDate: l.deliveryDate,
          })),
        },
        trace: newTrace(ctx.correlationId),
      });
      return loadTender(tx, id);
    });
  }

  async cancel(ctx: RequestContext, id: string, reason: string): Promise<Tender> {
    return this.dataSource.transaction(async (tx) => {
      const tender = await loadTender(tx, id, true);
      this.assertBuyer(ctx, tender);
      await this.transitions.move(tx, tender, 'CANCELLED', actorOf(ctx), ctx.correlationId, reason.trim());
      await tx.query(`UPDATE tender_lot SET status = 'CANCELLED' WHERE tender_id = $1 AND status = 'OPEN'`, [id]);
      return loadTender(tx, id);
    });
  }

  /** A draft is the buyer's own (and operators'); everything published is public. */
  canSee(ctx: RequestContext, tender: Tender): boolean {
    if (tender.status !== 'DRAFT') return true;
    return isOperator(ctx) || ctx.principal?.organisationId === tender.buyerOrganisationId;
  }

  async find(ctx: RequestContext, id: string, field = 'id'): Promise<Tender | null> {
    requireUuid(field, id);
    const [row] = await this.dataSource.query(`SELECT * FROM call_for_tenders WHERE id = $1`, [id]);
    if (!row) return null;
    const tender = tenderFromRow(row);
    return this.canSee(ctx, tender) ? tender : null;
  }

  async list(ctx: RequestContext): Promise<Tender[]> {
    const rows = await this.dataSource.query(
      `SELECT * FROM call_for_tenders WHERE status <> 'DRAFT' OR buyer_organisation_id = $1 OR $2 ORDER BY submission_deadline DESC LIMIT 200`,
      [ctx.principal?.organisationId ?? null, isOperator(ctx)],
    );
    return rows.map(tenderFromRow);
  }

  lots(tenderId: string): Promise<Lot[]> {
    return loadLots(this.dataSource.manager, [tenderId]);
  }

  bidCount(tenderId: string): Promise<number> {
    return bidCount(this.dataSource.manager, tenderId);
  }

  async ask(ctx: RequestContext, tenderId: string, question: string, now = new Date()): Promise<Question> {
    const principal = requireOrganisation(ctx);
    return this.dataSource.transaction(async (tx) => {
      const tender = await loadTender(tx, tenderId);
      if (!this.canSee(ctx, tender)) throw new NotFoundError('call for tenders', tenderId);
      if (principal.organisationId === tender.buyerOrganisationId) throw new BadInputError([{ field: 'tenderId', reason: 'the buyer answers questions, it does not ask them' }]);
      if (tender.status !== 'OPEN' || tender.submissionDeadline.getTime() <= now.getTime()) {
        throw new ConflictError('tenderId', 'questions are taken only while the call is open, before its deadline');
      }
      const id = randomUUID();
      await tx.query(`INSERT INTO tender_question (id, tender_id, asker_organisation_id, question, asked_at) VALUES ($1, $2, $3, $4, $5)`, [
        id, tenderId, principal.organisationId, question.trim(), now,
      ]);
      // The trail names no asker either: the buyer reads it, and must not know who asked.
      await this.audit.append(tx, tenderId, 'supplier (anonymised)', 'question.asked', { questionId: id });
      return { id, question: question.trim(), answer: null, askedAt: now, answeredAt: null };
    });
  }

  async answer(ctx: RequestContext, questionId: string, answer: string, now = new Date()): Promise<Question> {
    requireUuid('questionId', questionId);
    return this.dataSource.transaction(async (tx) => {
      const [q] = await tx.query(`SELECT * FROM tender_question WHERE id = $1 FOR UPDATE`, [questionId]);
      if (!q) throw new NotFoundError('question', questionId);
      const tender = await loadTender(tx, q.tender_id);
      this.assertBuyer(ctx, tender);
      if (tender.status !== 'OPEN') throw new ConflictError('questionId', 'the call is no longer open');
      await tx.query(`UPDATE tender_question SET answer = $2, answered_at = $3 WHERE id = $1`, [questionId, answer.trim(), now]);
      await this.audit.append(tx, tender.id, actorOf(ctx), 'question.answered', { questionId });
      return { id: questionId, question: q.question, answer: answer.trim(), askedAt: q.asked_at, answeredAt: now };
    });
  }

  async questions(tenderId: string): Promise<Question[]> {
    const rows = await this.dataSource.query(
      `SELECT id, question, answer, asked_at, answered_at FROM tender_question WHERE tender_id = $1 ORDER BY asked_at`,
      [tenderId],
    );
    return rows.map((r: { id: string; question: string; answer: string | null; asked_at: Date; answered_at: Date | null }) => ({
      id: r.id, question: r.question, answer: r.answer, askedAt: r.asked_at, answeredAt: r.answered_at,
    }));
  }
}
