import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { TenderStatusChangedSchema, Topic } from '@rim/contracts';
import { OutboxWriter, newTrace } from '@rim/messaging';
import { ConflictError } from '@rim/service-kit';
import { AuditTrail } from '../audit/audit-trail';
import { canMove, wireStatus, type TenderStatusName } from './tender-lifecycle';
import type { Tender } from './tender-store';

const STAMP: Partial<Record<TenderStatusName, string>> = { OPEN: 'published_at', CLOSED: 'closed_at', EVALUATION: 'opened_at' };

/** The one place a tender changes status: a conditional update, its event and its audit entry, in the caller's transaction. */
@Injectable()
export class TenderTransitions {
  constructor(
    private readonly outbox: OutboxWriter,
    private readonly audit: AuditTrail,
  ) {}

  async move(
    tx: EntityManager,
    tender: Tender,
    to: TenderStatusName,
    actor: string,
    correlationId: string,
    reason = '',
    at = new Date(),
  ): Promise<void> {
    if (!canMove(tender.status, to)) {
      throw new ConflictError('status', `a ${tender.status} call for tenders cannot become ${to}`);
    }
    const stamp = STAMP[to];
    // Conditional on the status read: a concurrent move (the deadline sweep, a cancel) makes this one fail cleanly.
    const [, affected] = await tx.query(
      `UPDATE call_for_tenders SET status = $2${stamp ? `, ${stamp} = $4` : ''} WHERE id = $1 AND status = $3`,
      stamp ? [tender.id, to, tender.status, at] : [tender.id, to, tender.status],
    );
    if (affected !== 1) throw new ConflictError('status', `the call for tenders changed meanwhile; it is no longer ${tender.status}`);
    await this.outbox.record(tx, {
      topic: Topic.TenderStatusChanged,
      key: tender.id,
      schema: TenderStatusChangedSchema,
      message: { tenderId: tender.id, from: wireStatus(tender.status), to: wireStatus(to), at: at.toISOString(), reason },
      trace: newTrace(correlationId),
    });
    await this.audit.append(tx, tender.id, actor, `tender.${to.toLowerCase()}`, { from: tender.status, to, reason });
    tender.status = to;
  }
}
