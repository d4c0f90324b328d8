import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { assertSameOrganisation, ForbiddenError, hasRole } from '@rim/auth';
import { AuthorisationGrantedSchema, Topic } from '@rim/contracts';
import { newTrace, OutboxWriter } from '@rim/messaging';
import { BadInputError, NotFoundError, type RequestContext } from '@rim/service-kit';
import { actingOrganisation, requireOrganisation } from '../common/principal';
import { Authorisation } from './authorisation.entity';
import { Training } from './training.entity';

const MONTH = 30.44 * 86_400_000;

@Injectable()
export class TrainingsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly outbox: OutboxWriter,
  ) {}

  async create(ctx: RequestContext, name: string, expiresAfterUnusedMonths: number, onBehalfOf?: string): Promise<Training> {
    const principal = requireOrganisation(ctx);
    if (name.trim().length < 2 || name.length > 120) throw new BadInputError([{ field: 'name', reason: 'must be between 2 and 120 characters' }]);
    if (!Number.isInteger(expiresAfterUnusedMonths) || expiresAfterUnusedMonths < 1 || expiresAfterUnusedMonths > 120) {
      throw new BadInputError([{ field: 'expiresAfterUnusedMonths', reason: 'must be between 1 and 120' }]);
    }
    const organisationId = await actingOrganisation(this.dataSource.manager, principal, onBehalfOf, 'organisationId');
    const training = this.dataSource.getRepository(Training).create({
      id: randomUUID(),
      organisationId,
      name: name.trim(),
      expiresAfterUnusedMonths,
    });
    await this.dataSource.getRepository(Training).insert(training);
    return this.dataSource.getRepository(Training).findOneByOrFail({ id: training.id });
  }

  /** The owner of `trainingId` recognises authorisations earned through `recognisedTrainingId` (another site's). */
  async declareEquivalence(ctx: RequestContext, trainingId: string, recognisedTrainingId: string): Promise<Training> {
    const principal = requireOrganisation(ctx);
    const training = await this.getOrFail(trainingId);
    assertSameOrganisation(principal, training.organisationId, `training ${training.id}`);
    await this.getOrFail(recognisedTrainingId);
    if (trainingId === recognisedTrainingId) throw new BadInputError([{ field: 'recognisedTrainingId', reason: 'must be another training' }]);
    await this.dataSource.query(
      `INSERT INTO training_equivalence (training_id, recognised_training_id) VALUES ($1, $2) ON CONFLICT DO NOTHING`,
      [trainingId, recognisedTrainingId],
    );
    return training;
  }

  /** The training's organisation (org-admin) authorises a user, possibly of another organisation. */
  async grant(ctx: RequestContext, trainingId: string, userId: string, organisationId: string): Promise<Authorisation> {
    const principal = requireOrganisation(ctx);
    if (!hasRole(principal, 'org-admin', 'operator')) {
      throw new ForbiddenError('FORBIDDEN_MISSING_ROLE', 'only an org-admin of the training organisation grants authorisations');
    }
    return this.dataSource.transaction(async (tx) => {
      const training = await tx.findOneBy(Training, { id: trainingId });
      if (!training) throw new NotFoundError('training', trainingId);
      assertSameOrganisation(principal, training.organisationId, `training ${training.id}`);
      const id = randomUUID();
      // Re-granting renews: the clock of "unused for N months" restarts.
      const [row] = await tx.query(
        `INSERT INTO authorisation (id, training_id, user_id, organisation_id, granted_by, granted_at, last_used_at)
         VALUES ($1, $2, $3, $4, $5, now(), NULL)
         ON CONFLICT (training_id, user_id) DO UPDATE
           SET organisation_id = EXCLUDED.organisation_id, granted_by = EXCLUDED.granted_by, granted_at = now(), last_used_at = NULL
         RETURNING id`,
        [id, trainingId, userId, organisationId, principal.userId],
      );
      const authorisation = await tx.findOneByOrFail(Authorisation, { id: row.id });
      await this.outbox.record(tx, {
        topic: Topic.AuthorisationGranted,
        key: training.id,
        schema: AuthorisationGrantedSchema,
        message: {
          authorisationId: authorisation.id,
          trainingId: training.id,
          trainingOrganisationId: training.organisationId,
          holderOrganisationId: organisationId,
          expiresIfUnusedAfter: new Date(authorisation.grantedAt.getTime() + training.expiresAfterUnusedMonths * MONTH).toISOString(),
        },
        trace: newTrace(ctx.correlationId),
      });
      return authorisation;
    });
  }

  /**
   * The user's live authorisation for a training, directly or through a training its owner
   * declared equivalent; null when none, or when every one has gone unused for too long.
   */
  async validAuthorisation(tx: EntityManager, trainingId: string, userId: string): Promise<Authorisation | null> {
    const rows: Array<{ id: string }> = await tx.query(
      `SELECT a.id FROM authorisation a JOIN training t ON t.id = a.training_id
        WHERE a.user_id = $2
          AND (a.training_id = $1 OR a.training_id IN (SELECT recognised_training_id FROM training_equivalence WHERE training_id = $1))
          AND coalesce(a.last_used_at, a.granted_at) + make_interval(months => t.expires_after_unused_months) > now()
        ORDER BY a.training_id = $1 DESC LIMIT 1`,
      [trainingId, userId],
    );
    return rows[0] ? tx.findOneByOrFail(Authorisation, { id: rows[0].id }) : null;
  }

  async getOrFail(id: string): Promise<Training> {
    const training = await this.dataSource.getRepository(Training).findOneBy({ id });
    if (!training) throw new NotFoundError('training', id);
    return training;
  }

  listByOrganisation(organisationId: string): Promise<Training[]> {
    return this.dataSource.getRepository(Training).find({ where: { organisationId }, order: { name: 'ASC' } });
  }
}
