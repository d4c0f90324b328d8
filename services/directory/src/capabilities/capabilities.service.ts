import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { CapabilitiesUpdatedSchema, Topic } from '@rim/contracts';
import { OutboxWriter, newTrace } from '@rim/messaging';
import { BadInputError, NotFoundError, type FieldProblem, type RequestContext } from '@rim/service-kit';
import { loadOwnedOrganisation } from '../organisations/organisation-access';
import { Site } from '../sites/site.entity';
import { Capability } from './capability.entity';
import type { CapabilityInput } from './dto/capability.input';

@Injectable()
export class CapabilitiesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly outbox: OutboxWriter,
  ) {}

  /** Replaces the whole capability set of a site (what the SME declares is what it can do now). */
  async setForSite(ctx: RequestContext, siteId: string, inputs: CapabilityInput[]): Promise<Capability[]> {
    const problems: FieldProblem[] = [];
    const seen = new Set<string>();
    inputs.forEach((c, i) => {
      if (c.minBatch > c.maxBatch) {
        problems.push({ field: `input.capabilities.${i}.maxBatch`, reason: `must be at least minBatch (${c.minBatch})` });
      }
      if (seen.has(c.processCode)) {
        problems.push({ field: `input.capabilities.${i}.processCode`, reason: `${c.processCode} is listed twice for this site` });
      }
      seen.add(c.processCode);
    });
    if (problems.length) throw new BadInputError(problems);
    return this.dataSource.transaction(async (tx) => {
      const site = await tx.findOneBy(Site, { id: siteId });
      if (!site) throw new NotFoundError('site', siteId);
      await loadOwnedOrganisation(tx, ctx, site.organisationId);
      await tx.delete(Capability, { siteId });
      const rows = inputs.map((c) =>
        tx.create(Capability, {
          id: randomUUID(),
          organisationId: site.organisationId,
          siteId,
          processCode: c.processCode,
          materials: [...new Set(c.materials.map((m) => m.trim().toLowerCase()))],
          certifications: [...new Set(c.certifications.map((m) => m.trim().toUpperCase()))],
          minBatch: c.minBatch,
          maxBatch: c.maxBatch,
          leadTimeDays: c.leadTimeDays,
        }),
      );
      if (rows.length) await tx.insert(Capability, rows);
      await this.outbox.record(tx, {
        topic: Topic.CapabilitiesUpdated,
        key: site.organisationId,
        schema: CapabilitiesUpdatedSchema,
        message: {
          organisationId: site.organisationId,
          siteId,
          capabilities: rows.map((r) => ({
            processCode: r.processCode,
            materials: r.materials,
            certifications: r.certifications,
            minBatch: r.minBatch,
            maxBatch: r.maxBatch,
            leadTimeDays: r.leadTimeDays,
          })),
        },
        trace: newTrace(ctx.correlationId),
      });
      return rows;
    });
  }

  forSite(siteId: string): Promise<Capability[]> {
    return this.dataSource.getRepository(Capability).find({ where: { siteId }, order: { processCode: 'ASC' } });
  }
}
