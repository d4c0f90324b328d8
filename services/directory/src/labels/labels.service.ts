import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { LabelDeclaredSchema, Topic } from '@rim/contracts';
import { OutboxWriter, newTrace } from '@rim/messaging';
import { BadInputError, type RequestContext } from '@rim/service-kit';
import { loadOwnedOrganisation } from '../organisations/organisation-access';
import type { DeclareLabelInput } from './dto/declare-label.input';
import { OriginLabel } from './label.entity';
import { labelRuleProblem } from './label-rules';

@Injectable()
export class LabelsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly outbox: OutboxWriter,
  ) {}

  async declare(ctx: RequestContext, organisationId: string, input: DeclareLabelInput): Promise<OriginLabel> {
    const problem = labelRuleProblem({
      label: input.label,
      frenchCostSharePercent: input.frenchCostSharePercent,
      frenchStepSharePercent: input.frenchStepSharePercent,
      awardedOn: input.awardedOn ? new Date(input.awardedOn) : null,
    });
    if (problem) throw new BadInputError([problem]);
    return this.dataSource.transaction(async (tx) => {
      await loadOwnedOrganisation(tx, ctx, organisationId);
      const label = tx.create(OriginLabel, {
        id: randomUUID(),
        organisationId,
        labelCode: input.label,
        product: input.product.trim(),
        frenchCostSharePercent: input.frenchCostSharePercent ?? null,
        frenchStepSharePercent: input.frenchStepSharePercent ?? null,
        awardedOn: input.awardedOn ?? null,
        materialOrigin: input.materialOrigin.trim(),
        placeOfManufacture: input.placeOfManufacture.trim(),
      });
      await tx.insert(OriginLabel, label);
      await this.outbox.record(tx, {
        topic: Topic.LabelDeclared,
        key: organisationId,
        schema: LabelDeclaredSchema,
        message: { organisationId, labelCode: label.labelCode, product: label.product },
        trace: newTrace(ctx.correlationId),
      });
      return tx.findOneByOrFail(OriginLabel, { id: label.id });
    });
  }

  forOrganisation(organisationId: string): Promise<OriginLabel[]> {
    return this.dataSource.getRepository(OriginLabel).find({ where: { organisationId }, order: { declaredAt: 'ASC' } });
  }
}
