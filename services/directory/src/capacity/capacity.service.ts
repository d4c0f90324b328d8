import { randomUUID } from 'node:crypto';
import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { CapacityDeclaredSchema, CapacityExpiredSchema, Topic } from '@rim/contracts';
import { OutboxWriter, newTrace } from '@rim/messaging';
import { BadInputError, ConflictError, NotFoundError, type FieldProblem, type RequestContext } from '@rim/service-kit';
import { loadOwnedOrganisation } from '../organisations/organisation-access';
import { Site } from '../sites/site.entity';
import type { DeclareCapacityInput } from './dto/declare-capacity.input';
import { SpareCapacity } from './spare-capacity.entity';

const MAX_WINDOW_DAYS = 366;
const SWEEP_INTERVAL_MS = 60_000;

@Injectable()
export class CapacityService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Capacity');
  private timer: NodeJS.Timeout | null = null;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly outbox: OutboxWriter,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => {
      this.expireLapsed().catch((e) => this.logger.warn(`capacity expiry sweep failed: ${(e as Error).message}`));
    }, SWEEP_INTERVAL_MS);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
  }

  async declare(ctx: RequestContext, input: DeclareCapacityInput, now = new Date()): Promise<SpareCapacity> {
    const expiresAt = input.expiresAt ?? input.windowEnd;
    const problems: FieldProblem[] = [];
    if (!(input.quantity > 0)) problems.push({ field: 'input.quantity', reason: 'must be greater than 0' });
    if (input.windowEnd <= input.windowStart) problems.push({ field: 'input.windowEnd', reason: 'must be after windowStart' });
    if (input.windowEnd <= now) problems.push({ field: 'input.windowEnd', reason: 'is already past' });
    if (input.windowEnd.getTime() - input.windowStart.getTime() > MAX_WINDOW_DAYS * 86_400_000) {
      problems.push({ field: 'input.windowEnd', reason: `a window may span at most ${MAX_WINDOW_DAYS} days` });
    }
    if (expiresAt > input.windowEnd) problems.push({ field: 'input.expiresAt', reason: 'cannot be after windowEnd' });
    if (problems.length) throw new BadInputError(problems);
    return this.dataSource.transaction(async (tx) => {
      const site = await tx.findOneBy(Site, { id: input.siteId });
      if (!site) throw new NotFoundError('site', input.siteId);
      await loadOwnedOrganisation(tx, ctx, site.organisationId);
      const capacity = tx.create(SpareCapacity, {
        id: randomUUID(),
        organisationId: site.organisationId,
        siteId: site.id,
        processCode: input.processCode,
        quantity: input.quantity,
        unit: input.unit,
        windowStart: input.windowStart,
        windowEnd: input.windowEnd,
        expiresAt,
      });
      try {
        await tx.insert(SpareCapacity, capacity);
      } catch (error) {
        if ((error as { code?: string }).code === '23P01') {
          throw new ConflictError(
            'input.windowStart',
            `overlaps capacity already declared for ${input.processCode} at this site; change or let the other declaration expire first`,
          );
        }
        throw error;
      }
      await this.outbox.record(tx, {
        topic: Topic.CapacityDeclared,
        key: site.organisationId,
        schema: CapacityDeclaredSchema,
        message: {
          capacityId: capacity.id,
          organisationId: site.organisationId,
          siteId: site.id,
          processCode: capacity.processCode,
          quantity: capacity.quantity,
          unit: capacity.unit.toLowerCase(),
          windowStart: capacity.windowStart.toISOString(),
          windowEnd: capacity.windowEnd.toISOString(),
        },
        trace: newTrace(ctx.correlationId),
      });
      return capacity;
    });
  }

  /** Marks lapsed declarations expired and announces each one. Returns how many lapsed. */
  async expireLapsed(now = new Date()): Promise<number> {
    return this.dataSource.transaction(async (tx) => {
      // A CTE so the driver returns the rows (a bare UPDATE ... RETURNING comes back as [rows, count]).
      const lapsed: Array<{ id: string; organisation_id: string }> = await tx.query(
        `WITH lapsed AS (
           UPDATE spare_capacity SET expired = true
            WHERE id IN (SELECT id FROM spare_capacity WHERE NOT expired AND expires_at <= $1 FOR UPDATE SKIP LOCKED)
            RETURNING id, organisation_id)
         SELECT id, organisation_id FROM lapsed`,
        [now],
      );
      const trace = newTrace();
      for (const row of lapsed) {
        await this.outbox.record(tx, {
          topic: Topic.CapacityExpired,
          key: row.organisation_id,
          schema: CapacityExpiredSchema,
          message: { capacityId: row.id, organisationId: row.organisation_id },
          trace,
        });
      }
      return lapsed.length;
    });
  }

  forSite(siteId: string): Promise<SpareCapacity[]> {
    return this.dataSource.getRepository(SpareCapacity).find({ where: { siteId, expired: false }, order: { windowStart: 'ASC' } });
  }
}
