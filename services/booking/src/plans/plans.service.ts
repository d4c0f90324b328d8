import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { BadInputError, NotFoundError, type RequestContext } from '@rim/service-kit';
import { actingOrganisation, requireOrganisation } from '../common/principal';
import { Plan } from './plan.entity';
import { Subscription } from './subscription.entity';

@Injectable()
export class PlansService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async create(ctx: RequestContext, name: string, monthlyPriceCents: number, monthlyHourQuota: number, onBehalfOf?: string): Promise<Plan> {
    const principal = requireOrganisation(ctx);
    const organisationId = await actingOrganisation(this.dataSource.manager, principal, onBehalfOf, 'organisationId');
    const problems = [];
    if (name.trim().length < 2 || name.length > 120) problems.push({ field: 'name', reason: 'must be between 2 and 120 characters' });
    if (!Number.isInteger(monthlyPriceCents) || monthlyPriceCents < 0) problems.push({ field: 'monthlyPriceCents', reason: 'must be a whole number of cents, 0 or more' });
    if (!Number.isInteger(monthlyHourQuota) || monthlyHourQuota < 1) problems.push({ field: 'monthlyHourQuota', reason: 'must be at least 1 hour' });
    if (problems.length) throw new BadInputError(problems);
    const repo = this.dataSource.getRepository(Plan);
    const id = randomUUID();
    await repo.insert({ id, organisationId, name: name.trim(), monthlyPriceCents, monthlyHourQuota });
    return repo.findOneByOrFail({ id });
  }

  /** The caller's organisation subscribes to a plan (billing happens outside the platform). */
  async subscribe(ctx: RequestContext, planId: string): Promise<Subscription> {
    const principal = requireOrganisation(ctx);
    if (!(await this.dataSource.getRepository(Plan).existsBy({ id: planId }))) throw new NotFoundError('plan', planId);
    await this.dataSource.query(
      `INSERT INTO subscription (id, plan_id, subscriber_organisation_id) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`,
      [randomUUID(), planId, principal.organisationId],
    );
    return this.dataSource.getRepository(Subscription).findOneByOrFail({ planId, subscriberOrganisationId: principal.organisationId });
  }

  listByOrganisation(organisationId: string): Promise<Plan[]> {
    return this.dataSource.getRepository(Plan).find({ where: { organisationId }, order: { name: 'ASC' } });
  }
}
