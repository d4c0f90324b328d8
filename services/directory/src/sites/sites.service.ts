import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import { SiteAddedSchema, Topic } from '@rim/contracts';
import { OutboxWriter, newTrace } from '@rim/messaging';
import { BadInputError, ConflictError, groupBy, isUuid, type FieldProblem, type RequestContext } from '@rim/service-kit';
import { h3Cells } from '../geo/geo';
import { loadOwnedOrganisation } from '../organisations/organisation-access';
import { referenceData } from '../reference/reference-data';
import type { AddSiteInput } from './dto/add-site.input';
import { normaliseSiret } from './siret';
import { Site } from './site.entity';

@Injectable()
export class SitesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly outbox: OutboxWriter,
  ) {}

  async add(ctx: RequestContext, organisationId: string, input: AddSiteInput): Promise<Site> {
    return this.dataSource.transaction(async (tx) => {
      const organisation = await loadOwnedOrganisation(tx, ctx, organisationId);
      const siret = normaliseSiret(input.siret);
      const commune = referenceData().commune(input.communeInsee)!;
      const problems: FieldProblem[] = [];
      if (siret.slice(0, 9) !== organisation.siren) {
        problems.push({ field: 'input.siret', reason: `must start with the organisation's SIREN ${organisation.siren}` });
      }
      const given = [input.latitude, input.longitude].filter((v) => v !== undefined && v !== null).length;
      if (given === 1) {
        problems.push({ field: input.latitude == null ? 'input.latitude' : 'input.longitude', reason: 'give both coordinates or neither' });
      }
      if (given === 0 && !commune.centre) {
        problems.push({
          field: 'input.latitude',
          reason: `required: no reference centre is known for commune ${commune.code} (${commune.name})`,
        });
      }
      if (problems.length) throw new BadInputError(problems);
      const point = given === 2 ? { latitude: input.latitude!, longitude: input.longitude! } : commune.centre!;
      const cells = h3Cells(point);
      const site = tx.create(Site, {
        id: randomUUID(),
        organisationId,
        siret,
        name: input.name.trim(),
        addressLine: input.addressLine.trim(),
        postcode: input.postcode,
        communeInsee: commune.code,
        epciSiren: commune.epciSiren,
        departement: commune.departement,
        region: commune.region,
        latitude: point.latitude,
        longitude: point.longitude,
        h3R5: cells.r5,
        h3R7: cells.r7,
        h3R9: cells.r9,
      });
      try {
        await tx.insert(Site, site);
      } catch (error) {
        if ((error as { code?: string }).code === '23505') {
          throw new ConflictError('input.siret', `a site with SIRET ${siret} is already registered`);
        }
        throw error;
      }
      await this.outbox.record(tx, {
        topic: Topic.SiteAdded,
        key: organisationId,
        schema: SiteAddedSchema,
        message: {
          siteId: site.id,
          organisationId,
          siret,
          name: site.name,
          location: {
            latitude: point.latitude,
            longitude: point.longitude,
            communeInsee: commune.code,
            epciSiren: commune.epciSiren ?? '',
            departement: commune.departement,
            region: commune.region,
            h3R7: cells.r7,
            h3R9: cells.r9,
          },
        },
        trace: newTrace(ctx.correlationId),
      });
      return site;
    });
  }

  forOrganisation(organisationId: string): Promise<Site[]> {
    return this.dataSource.getRepository(Site).find({ where: { organisationId }, order: { createdAt: 'ASC' } });
  }

  /** The sites of every organisation a request lists, in one statement. */
  async forOrganisations(organisationIds: string[]): Promise<Map<string, Site[]>> {
    const rows = await this.dataSource.getRepository(Site).find({ where: { organisationId: In(organisationIds) }, order: { createdAt: 'ASC' } });
    return groupBy(organisationIds, rows, (s) => s.organisationId);
  }

  /** Sites referenced by other subgraphs (`Asset.site`), in one statement; ids that are not UUIDs match nothing. */
  async findByIds(ids: string[]): Promise<Map<string, Site>> {
    const valid = ids.filter(isUuid);
    if (valid.length === 0) return new Map();
    const rows = await this.dataSource.getRepository(Site).findBy({ id: In(valid) });
    return new Map(rows.map((s) => [s.id, s]));
  }
}
