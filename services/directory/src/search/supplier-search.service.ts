import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { BadInputError, NotFoundError, type FieldProblem } from '@rim/service-kit';
import { sqlDistanceKm, type GeoPoint } from '../geo/geo';
import { coverDisc } from '../geo/h3-cover';
import { Organisation } from '../organisations/organisation.entity';
import { referenceData } from '../reference/reference-data';
import { Site } from '../sites/site.entity';
import type { SupplierSearchInput } from './dto/supplier-search.input';

export interface SupplierMatch {
  organisation: Organisation;
  site: Site | null;
  distanceKm: number | null;
  freeCapacity?: number | null;
  sharedMaterials?: string[] | null;
}

export interface SupplierPage {
  items: Array<{ cursor: string; match: SupplierMatch }>;
  endCursor: string | null;
  hasNextPage: boolean;
}

/** Collects SQL conditions and their positional parameters. */
class Sql {
  readonly where: string[] = [];
  readonly params: unknown[] = [];
  param(value: unknown): string {
    this.params.push(value);
    return `$${this.params.length}`;
  }
}

const DISTANCE = sqlDistanceKm('s.latitude', 's.longitude', '$1', '$2');

/**
 * Supplier search over organisations and their sites. A radius search pre-filters sites on indexed
 * H3 cells, then checks the exact great-circle distance; each organisation appears once, at its
 * nearest matching site. Pages are keyset-paginated on (distance or name, id).
 */
@Injectable()
export class SupplierSearchService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async search(filter: SupplierSearchInput, first: number, after: string | null, now = new Date()): Promise<SupplierPage> {
    const centre = this.centreOf(filter);
    const sql = new Sql();
    // $1/$2 are always the centre (0,0 when none) so the distance expression has fixed parameters.
    sql.param(centre?.latitude ?? 0);
    sql.param(centre?.longitude ?? 0);
    const siteBound = Boolean(
      centre || filter.processCodes?.length || filter.materials?.length || filter.certifications?.length || filter.maxLeadTimeDays != null || filter.capacity,
    );

    if (filter.text) {
      const like = `%${filter.text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      sql.where.push(`lower(o.legal_name || ' ' || coalesce(o.trading_name, '')) LIKE ${sql.param(like)}`);
    }
    if (filter.tiers?.length) sql.where.push(`o.tier = ANY(${sql.param(filter.tiers)}::smallint[])`);
    if (filter.labels?.length) {
      sql.where.push(`EXISTS (SELECT 1 FROM origin_label l WHERE l.organisation_id = o.id AND l.label_code = ANY(${sql.param(filter.labels)}::text[]))`);
    }
    if (centre && filter.radiusKm) {
      const cover = coverDisc(centre, filter.radiusKm);
      sql.where.push(`s.${cover.column} = ANY(${sql.param(cover.cells)}::text[])`);
      sql.where.push(`${DISTANCE} <= ${sql.param(filter.radiusKm)}`);
    }
    const capabilityConditions: string[] = [];
    if (filter.processCodes?.length) capabilityConditions.push(`c.process_code = ANY(${sql.param(filter.processCodes)}::text[])`);
    if (filter.materials?.length) {
      capabilityConditions.push(`c.materials && ${sql.param(filter.materials.map((m) => m.trim().toLowerCase()))}::text[]`);
    }
    if (filter.certifications?.length) {
      capabilityConditions.push(`c.certifications @> ${sql.param(filter.certifications.map((m) => m.trim().toUpperCase()))}::text[]`);
    }
    if (filter.maxLeadTimeDays != null) capabilityConditions.push(`c.lead_time_days <= ${sql.param(filter.maxLeadTimeDays)}`);
    if (capabilityConditions.length) {
      sql.where.push(`EXISTS (SELECT 1 FROM capability c WHERE c.site_id = s.id AND ${capabilityConditions.join(' AND ')})`);
    }
    if (filter.capacity) {
      const cap = [
        `sc.site_id = s.id`,
        `NOT sc.expired`,
        `sc.expires_at > ${sql.param(now)}`,
        `tstzrange(sc.window_start, sc.window_end) && tstzrange(${sql.param(filter.capacity.from)}, ${sql.param(filter.capacity.to)})`,
      ];
      if (filter.processCodes?.length) cap.push(`sc.process_code = ANY(${sql.param(filter.processCodes)}::text[])`);
      if (filter.capacity.minQuantity) cap.push(`sc.quantity >= ${sql.param(filter.capacity.minQuantity)}`);
      sql.where.push(`EXISTS (SELECT 1 FROM spare_capacity sc WHERE ${cap.join(' AND ')})`);
    }

    const byDistance = Boolean(centre);
    const sortKey = byDistance ? 'distance_km' : 'legal_name';
    let cursorCondition = '';
    if (after) {
      const [key, id] = decodeCursor(after);
      cursorCondition = `WHERE (${sortKey}, organisation_id) > (${sql.param(key)}${byDistance ? '::float8' : ''}, ${sql.param(id)}::uuid)`;
    }
    const limit = sql.param(first + 1);
    const rows: Array<{ organisation_id: string; site_id: string | null; distance_km: number | null; legal_name: string }> =
      await this.dataSource.query(
        `WITH matches AS (
           SELECT DISTINCT ON (o.id) o.id AS organisation_id, o.legal_name, s.id AS site_id,
                  ${byDistance ? DISTANCE : 'NULL::float8'} AS distance_km
             FROM organisation o ${siteBound ? 'JOIN' : 'LEFT JOIN'} site s ON s.organisation_id = o.id
            ${sql.where.length ? `WHERE ${sql.where.join(' AND ')}` : ''}
            ORDER BY o.id, distance_km NULLS LAST
         )
         SELECT * FROM matches ${cursorCondition}
          ORDER BY ${sortKey}, organisation_id
          LIMIT ${limit}`,
        sql.params,
      );
    const page = rows.slice(0, first);
    const [organisations, sites] = await Promise.all([
      this.dataSource.getRepository(Organisation).findBy(page.map((r) => ({ id: r.organisation_id }))),
      this.dataSource.getRepository(Site).findBy(page.filter((r) => r.site_id).map((r) => ({ id: r.site_id! }))),
    ]);
    const orgById = new Map(organisations.map((o) => [o.id, o]));
    const siteById = new Map(sites.map((s) => [s.id, s]));
    const items = page.map((r) => ({
      cursor: encodeCursor(byDistance ? Number(r.distance_km) : r.legal_name, r.organisation_id),
      match: {
        organisation: orgById.get(r.organisation_id)!,
        site: r.site_id ? (siteById.get(r.site_id) ?? null) : null,
        distanceKm: r.distance_km === null ? null : Math.round(Number(r.distance_km) * 100) / 100,
      },
    }));
    return { items, endCursor: items.at(-1)?.cursor ?? null, hasNextPage: rows.length > first };
  }

  /**
   * "Find a substitute" after a disruption: other organisations with the same process near the
   * reference organisation's site, ranked by declared spare capacity in the coming weeks, then by
   * materials shared with the reference capability, then by distance.
   */
  async findSubstitutes(organisationId: string, processCode: string, radiusKm: number, horizonDays: number, limit: number, now = new Date()): Promise<SupplierMatch[]> {
    const problems: FieldProblem[] = [];
    if (!referenceData().process(processCode)) problems.push({ field: 'processCode', reason: `${processCode} is not in the process taxonomy` });
    if (!(radiusKm > 0) || radiusKm > 200) problems.push({ field: 'radiusKm', reason: 'must be between 0 and 200 km' });
    if (!(horizonDays >= 1) || horizonDays > 365) problems.push({ field: 'horizonDays', reason: 'must be between 1 and 365' });
    if (problems.length) throw new BadInputError(problems);
    const reference: Array<{ latitude: number; longitude: number; materials: string[] }> = await this.dataSource.query(
      `SELECT s.latitude, s.longitude, coalesce(c.materials, '{}') AS materials
         FROM site s LEFT JOIN capability c ON c.site_id = s.id AND c.process_code = $2
        WHERE s.organisation_id = $1
        ORDER BY (c.id IS NULL), s.created_at LIMIT 1`,
      [organisationId, processCode],
    );
    if (!reference.length) throw new NotFoundError('site of organisation', organisationId);
    const centre = reference[0];
    const cover = coverDisc(centre, radiusKm);
    const horizon = new Date(now.getTime() + horizonDays * 86_400_000);
    const rows: Array<{ organisation_id: string; site_id: string; distance_km: number; free_capacity: string | null; shared: string[] }> =
      await this.dataSource.query(
        `WITH candidates AS (
           SELECT DISTINCT ON (s.organisation_id) s.organisation_id, s.id AS site_id, ${DISTANCE} AS distance_km,
                  ARRAY(SELECT unnest(c.materials) INTERSECT SELECT unnest($5::text[])) AS shared,
                  (SELECT sum(sc.quantity) FROM spare_capacity sc
                    WHERE sc.site_id = s.id AND sc.process_code = $4 AND NOT sc.expired AND sc.expires_at > $7
                      AND tstzrange(sc.window_start, sc.window_end) && tstzrange($7, $8)) AS free_capacity
             FROM site s JOIN capability c ON c.site_id = s.id AND c.process_code = $4
            WHERE s.organisation_id <> $3 AND s.${cover.column} = ANY($6::text[]) AND ${DISTANCE} <= $9
            ORDER BY s.organisation_id, distance_km
         )
         SELECT * FROM candidates
          ORDER BY (free_capacity IS NULL), cardinality(shared) DESC, distance_km
          LIMIT $10`,
        [centre.latitude, centre.longitude, organisationId, processCode, centre.materials, cover.cells, now, horizon, radiusKm, limit],
      );
    const [organisations, sites] = await Promise.all([
      this.dataSource.getRepository(Organisation).findBy(rows.map((r) => ({ id: r.organisation_id }))),
      this.dataSource.getRepository(Site).findBy(rows.map((r) => ({ id: r.site_id }))),
    ]);
    const orgById = new Map(organisations.map((o) => [o.id, o]));
    const siteById = new Map(sites.map((s) => [s.id, s]));
    return rows.map((r) => ({
      organisation: orgById.get(r.organisation_id)!,
      site: siteById.get(r.site_id) ?? null,
      distanceKm: Math.round(Number(r.distance_km) * 100) / 100,
      freeCapacity: r.free_capacity === null ? null : Number(r.free_capacity),
      sharedMaterials: r.shared,
    }));
  }

  private centreOf(filter: SupplierSearchInput): GeoPoint | null {
    const problems: FieldProblem[] = [];
    if (filter.near && filter.nearCommune) problems.push({ field: 'filter.nearCommune', reason: 'give near or nearCommune, not both' });
    if (filter.radiusKm != null && !filter.near && !filter.nearCommune) {
      problems.push({ field: 'filter.radiusKm', reason: 'needs a centre: near or nearCommune' });
    }
    if (filter.capacity && filter.capacity.to <= filter.capacity.from) {
      problems.push({ field: 'filter.capacity.to', reason: 'must be after from' });
    }
    let centre: GeoPoint | null = filter.near ?? null;
    if (filter.nearCommune) {
      const commune = referenceData().commune(filter.nearCommune);
      if (!commune?.centre) {
        problems.push({ field: 'filter.nearCommune', reason: `no reference centre is known for commune ${filter.nearCommune}; use near` });
      } else {
        centre = commune.centre;
      }
    }
    if (problems.length) throw new BadInputError(problems);
    return centre;
  }
}

function encodeCursor(key: string | number, id: string): string {
  return Buffer.from(JSON.stringify([key, id])).toString('base64url');
}

function decodeCursor(cursor: string): [string | number, string] {
  try {
    const v: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(v) && v.length === 2 && typeof v[1] === 'string' && /^[0-9a-f-]{36}$/.test(v[1])) return v as [string | number, string];
  } catch {
    // fall through
  }
  throw new BadInputError([{ field: 'after', reason: 'not a cursor returned by this API' }]);
}
