import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { entityColumns, entityHydrator, preparedQuery } from '@rim/persistence';
import { BadInputError, NotFoundError, type FieldProblem } from '@rim/service-kit';
import { chordKm, earthCartesianKm, sqlHaversineKm, type GeoPoint } from '@rim/geo';
import { coverDisc } from '../geo/geo';
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

const DISTANCE = sqlHaversineKm('s.latitude', 's.longitude', '$1', '$2');

/** Distinct name words a typed word may start before the name search falls back to trigrams (see byName). */
const MAX_PREFIX_WORDS = 64;

/** The words typed in the text filter, and the parameters of their `LIKE '% word%'` patterns. */
interface NameText {
  words: string[];
  patterns: string[];
}

/**
 * Accented Latin letters and the letter each folds to, as `name_search_text` folds them (the
 * 1763900000600 migration holds the same two lists; an integration test compares the two).
 */
const ACCENT_FOLDING = { from: 'àâäáãåāçćčéèêëēėęíìîïīįñńóòôöõøōúùûüūýÿžźżšśł', to: 'aaaaaaaccceeeeeeeiiiiiinnooooooouuuuuyyzzzssl' };
const FOLDED = new Map([...ACCENT_FOLDING.from].map((c, i) => [c, ACCENT_FOLDING.to[i]]));

/**
 * The words of a typed text, as `name_search_text` (1763900000600 migration) makes them from
 * names: lowered, accents folded, split on anything that is not a letter or a digit. They hold no
 * LIKE wildcard or escape.
 */
export function nameWords(text: string): string[] {
  const folded = [...text.normalize('NFC').toLowerCase()].map((c) => FOLDED.get(c) ?? c).join('');
  return [...new Set(folded.split(/[^\p{Alphabetic}\p{Nd}]+/u).filter(Boolean))];
}

/** Largest window of nearest sites tried before filtering the whole disc (see nearestFirst). */
const MAX_WINDOW = 4096;

interface SearchRow {
  organisation_id: string;
  site_id: string | null;
  /** Chord to the centre (nearest first) or legal name: the keyset of the page. */
  sort_key: number | string;
  distance_km: number | null;
}

/**
 * Supplier search over organisations and their sites. With a centre, sites come nearest first from
 * a KNN index scan (see the 1763900000300 migration) and each organisation appears once, at its
 * nearest matching site; without one, organisations come by legal name. Pages are keyset-paginated
 * on (distance or name, id).
 */
@Injectable()
export class SupplierSearchService {
  /** The select list of a page's records and their hydrators (see records), built once the entities are known. */
  private recordMapping: { columns: string; organisation: (row: Record<string, unknown>) => Organisation; site: (row: Record<string, unknown>) => Site } | undefined;

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async search(filter: SupplierSearchInput, first: number, after: string | null, now = new Date()): Promise<SupplierPage> {
    // Every word typed must start a word of the name (see the 1763900000600 migration): one
    // `LIKE '% word%'` per word on a copy of the name.
    const words = filter.text == null ? [] : nameWords(filter.text);
    const centre = this.centreOf(filter, filter.text != null && !words.length ? [{ field: 'filter.text', reason: 'must contain a letter or a digit' }] : []);
    const sql = new Sql();
    const organisationConditions: string[] = [];
    const text: NameText = { words, patterns: words.map((w) => sql.param(`% ${w}%`)) };
    if (filter.tiers?.length) organisationConditions.push(`o.tier = ANY(${sql.param(filter.tiers)}::smallint[])`);
    if (filter.labels?.length) {
      organisationConditions.push(
        `EXISTS (SELECT 1 FROM origin_label l WHERE l.organisation_id = o.id AND l.label_code = ANY(${sql.param(filter.labels)}::text[]))`,
      );
    }
    const siteConditions = this.siteConditions(filter, sql, now);
    const rows = centre
      ? await this.nearestFirst(sql, centre, filter.radiusKm ?? null, text, organisationConditions, siteConditions, first, after)
      : await this.byName(sql, text, organisationConditions, siteConditions, first, after);
    const page = rows.slice(0, first);
    const records = await this.records(page);
    const items = page.map((r, i) => ({
      cursor: encodeCursor(typeof r.sort_key === 'string' ? r.sort_key : Number(r.sort_key), r.organisation_id),
      match: {
        organisation: records[i].organisation,
        site: records[i].site,
        distanceKm: r.distance_km === null ? null : Math.round(Number(r.distance_km) * 100) / 100,
      },
    }));
    return { items, endCursor: items.at(-1)?.cursor ?? null, hasNextPage: rows.length > first };
  }

  /** Conditions a site must meet (capability, capacity), for a site aliased `site`. */
  private siteConditions(filter: SupplierSearchInput, sql: Sql, now: Date): (site: string) => string[] {
    // Processes alone: the site's own copy of its processes (1763900000400 migration), no join.
    const processesOnly =
      filter.processCodes?.length && !filter.materials?.length && !filter.certifications?.length && filter.maxLeadTimeDays == null
        ? sql.param(filter.processCodes)
        : null;
    const capability: string[] = [];
    if (filter.processCodes?.length && !processesOnly) capability.push(`c.process_code = ANY(${sql.param(filter.processCodes)}::text[])`);
    if (filter.materials?.length) {
      capability.push(`c.materials && ${sql.param(filter.materials.map((m) => m.trim().toLowerCase()))}::text[]`);
    }
    if (filter.certifications?.length) {
      capability.push(`c.certifications @> ${sql.param(filter.certifications.map((m) => m.trim().toUpperCase()))}::text[]`);
    }
    if (filter.maxLeadTimeDays != null) capability.push(`c.lead_time_days <= ${sql.param(filter.maxLeadTimeDays)}`);
    const capacity: string[] = [];
    if (filter.capacity) {
      capacity.push(
        `NOT sc.expired`,
        `sc.expires_at > ${sql.param(now)}`,
        `tstzrange(sc.window_start, sc.window_end) && tstzrange(${sql.param(filter.capacity.from)}, ${sql.param(filter.capacity.to)})`,
      );
      if (filter.processCodes?.length) capacity.push(`sc.process_code = ANY(${sql.param(filter.processCodes)}::text[])`);
      if (filter.capacity.minQuantity) capacity.push(`sc.quantity >= ${sql.param(filter.capacity.minQuantity)}`);
    }
    return (site) => [
      ...(processesOnly ? [`${site}.process_codes && ${processesOnly}::text[]`] : []),
      ...(capability.length ? [`EXISTS (SELECT 1 FROM capability c WHERE c.site_id = ${site}.id AND ${capability.join(' AND ')})`] : []),
      ...(capacity.length ? [`EXISTS (SELECT 1 FROM spare_capacity sc WHERE sc.site_id = ${site}.id AND ${capacity.join(' AND ')})`] : []),
    ];
  }

  /**
   * Nearest first: each organisation at its nearest matching site, by distance from the centre.
   * The sites come from a window of the nearest ones: a KNN scan of the GiST index on `site.geo`
   * (`ORDER BY geo <-> centre`, ties broken by organisation then site, `LIMIT n`). The page is read
   * from that window as a stream in the same order, so the scan stops as soon as the page is full
   * and the cost follows the page size, not the number of sites in the disc. A full page is exact:
   * the window is a prefix of the total order, and every site left out sorts after it. A page that
   * is not full is exact when the window held every site, or reaches past the radius; otherwise a
   * larger window is sized from the matches found, and past MAX_WINDOW (filters that match under
   * ~0.5 % of the nearby sites) the whole disc is filtered, which the planner can then drive from
   * the filters' own indexes. Keyset on (chord to the centre, organisation id): the chord orders
   * like the great-circle distance; `distance_km` is the haversine.
   */
  private async nearestFirst(
    sql: Sql,
    centre: GeoPoint,
    radiusKm: number | null,
    text: NameText,
    organisationConditions: string[],
    siteConditions: (site: string) => string[],
    first: number,
    after: string | null,
  ): Promise<SearchRow[]> {
    const point = `cube(${sql.param(earthCartesianKm(centre))}::float8[])`;
    const chord = (site: string) => `(${site}.geo <-> ${point})`;
    const distance = sqlHaversineKm('s.latitude', 's.longitude', `${sql.param(centre.latitude)}::float8`, `${sql.param(centre.longitude)}::float8`);
    // The name is matched on the site's copy of it; the organisation is joined only for the rest.
    const where = [...text.patterns.map((p) => `s.search_name LIKE ${p}`), ...organisationConditions, ...siteConditions('s')];
    // Sites past this chord are out of the radius (a little wider than exact, for rounding; the
    // haversine is the exact check).
    const bound = radiusKm == null ? null : chordKm(radiusKm) * 1.001 + 0.001;
    if (radiusKm != null) {
      where.push(`s.geo <@ cube_enlarge(${point}, ${sql.param(bound)}::float8, 3)`);
      where.push(`${distance} <= ${sql.param(radiusKm)}::float8`);
    }
    // Keep a site only if no other matching site of its organisation is nearer (ties: lower id).
    // The text is part of "matching": a site's copy holds its own commune (1763900000800 migration).
    where.push(`NOT EXISTS (SELECT 1 FROM site n WHERE n.organisation_id = s.organisation_id AND n.id <> s.id
      AND (${chord('n')} < ${chord('s')} OR (${chord('n')} = ${chord('s')} AND n.id < s.id))
      ${[...text.patterns.map((p) => `n.search_name LIKE ${p}`), ...siteConditions('n')].map((c) => `AND ${c}`).join(' ')})`);
    const cursor = after ? decodeCursor(after, 'number') : null;
    const cursorKey = cursor ? `(${sql.param(cursor[0])}::float8, ${sql.param(cursor[1])}::uuid)` : null;
    const afterCursor = (site: string) => (cursorKey ? [`(${chord(site)}, ${site}.organisation_id) > ${cursorKey}`] : []);
    const limit = sql.param(first + 1);
    // `key`: the chord as the window computed it, so that the planner keeps the window's order.
    const page = (from: string, key: string, extra: string[] = []) => `
      SELECT s.organisation_id, s.id AS site_id, ${key} AS sort_key, ${distance} AS distance_km
        FROM ${from} ${organisationConditions.length || extra.length ? 'JOIN organisation o ON o.id = s.organisation_id' : ''}
       WHERE ${[...where, ...extra].join(' AND ')}
       ORDER BY ${key}, s.organisation_id
       LIMIT ${limit}`;
    const windowSize = `$${sql.params.length + 1}`;
    const window = (columns: string) => `
      SELECT ${columns} FROM site w ${cursorKey ? `WHERE ${afterCursor('w').join(' AND ')}` : ''}
       ORDER BY ${chord('w')}, w.organisation_id, w.id LIMIT ${windowSize}::int`;
    // The edge and size of the window are only needed, and so only computed (a lazily evaluated
    // sub-plan), when the page is not full.
    const windowed = `
      WITH page AS (${page(`(${window(`w.id, w.organisation_id, w.latitude, w.longitude, w.geo, w.search_name, w.process_codes, ${chord('w')} AS chord`)}) s`, 's.chord')})
      SELECT p.rows, CASE WHEN p.n < ${limit} THEN
               (SELECT json_build_object('edge', max(chord), 'scanned', count(*)) FROM (${window(`${chord('w')} AS chord`)}) w)
             END AS window
        FROM (SELECT coalesce(json_agg(page ORDER BY sort_key, organisation_id), '[]') AS rows, count(*) AS n FROM page) p`;
    // Unused window rows cost nothing (the scan stops with the page), so the first window is generous:
    // a second one costs a round trip and a plan.
    let size = (first + 1) * 32;
    while (size <= MAX_WINDOW) {
      const [{ rows, window }]: Array<{ rows: SearchRow[]; window: { edge: number | null; scanned: number } | null }> =
        await preparedQuery(this.dataSource, windowed, [...sql.params, size]);
      const complete =
        window === null || // the page is full
        window.scanned < size || // every site was in the window
        (bound != null && window.edge != null && window.edge > bound); // the window reaches past the radius
      if (complete) return rows;
      // Next window from the share of matches in this one, with a margin.
      size = rows.length ? Math.ceil(((size * (first + 1)) / rows.length) * 1.5) : size * 16;
    }
    // The name condition on the narrow name copy too: a rare name can then drive the plan from its
    // trigram index.
    const byName = text.patterns.length
      ? [`o.id IN (SELECT n.organisation_id FROM organisation_name n WHERE ${text.patterns.map((p) => `n.search_name LIKE ${p}`).join(' AND ')})`]
      : [];
    return this.dataSource.query(page('site s', chord('s'), [...afterCursor('s'), ...byName]), sql.params);
  }

  /** Without a centre: by legal name, each organisation with its first matching site. */
  private async byName(
    sql: Sql,
    text: NameText,
    organisationConditions: string[],
    siteConditions: (site: string) => string[],
    first: number,
    after: string | null,
  ): Promise<SearchRow[]> {
    const forSite = siteConditions('s');
    const siteExists = forSite.length ? [`EXISTS (SELECT 1 FROM site s WHERE s.organisation_id = o.id AND ${forSite.join(' AND ')})`] : [];
    const firstSite = `(SELECT s.id FROM site s WHERE s.organisation_id = o.id ${forSite.map((c) => `AND ${c}`).join(' ')}
                         ORDER BY s.created_at, s.id LIMIT 1)`;
    const cursor = after ? decodeCursor(after, 'string') : null;
    const cursorKey = cursor ? `(${sql.param(cursor[0])}::text, ${sql.param(cursor[1])}::uuid)` : null;
    const limit = sql.param(first + 1);
    if (!text.words.length) {
      // The walk of the `(legal_name, id)` index is the plan.
      const where = [...organisationConditions, ...siteExists, ...(cursorKey ? [`(o.legal_name, o.id) > ${cursorKey}`] : [])];
      return preparedQuery(
        this.dataSource,
        `SELECT o.id AS organisation_id, o.legal_name AS sort_key, NULL::float8 AS distance_km, ${firstSite} AS site_id
           FROM organisation o
          ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
          ORDER BY o.legal_name, o.id
          LIMIT ${limit}`,
        sql.params,
      );
    }
    // With words: the organisations of each word that starts with the longest word typed come in
    // name order from the `organisation_word` index, ~a page per word, checked against the other
    // words and filters as they come (the vocabulary is walked one distinct word at a time). A
    // prefix that starts too many distinct words ("1", "a") is answered from the trigram index of
    // the name copy instead, which rechecks and sorts every match.
    const others = [...organisationConditions, ...siteExists];
    const organisationMatches = (id: string) =>
      others.length ? [`EXISTS (SELECT 1 FROM organisation o WHERE o.id = ${id} AND ${others.join(' AND ')})`] : [];
    const driver = text.words.reduce((a, b) => (b.length > a.length ? b : a));
    // The words that start with `driver`, as a range of the C-collated index (a generic plan can
    // use a range, not a LIKE prefix): U+10FFFF sorts after any character that can follow.
    const [from, to] = [sql.param(driver), sql.param(`${driver}\u{10FFFF}`)];
    const startsDriver = (column: string) => `${column} >= ${from} AND ${column} < ${to}`;
    const maxWords = sql.param(MAX_PREFIX_WORDS);
    const allWords = (name: string) => text.patterns.map((p) => `${name}.search_name LIKE ${p}`);
    const page = `
      WITH RECURSIVE vocabulary(word, n) AS (
        (SELECT word, 1 FROM organisation_word WHERE ${startsDriver('word')} ORDER BY word LIMIT 1)
        UNION ALL
        SELECT (SELECT w.word FROM organisation_word w WHERE w.word > v.word AND ${startsDriver('w.word')} ORDER BY w.word LIMIT 1), v.n + 1
          FROM vocabulary v WHERE v.word IS NOT NULL AND v.n <= ${maxWords}
      ), by_word AS (
        SELECT DISTINCT m.organisation_id, m.legal_name
          FROM vocabulary v CROSS JOIN LATERAL (
            SELECT ow.organisation_id, ow.legal_name FROM organisation_word ow
             WHERE ow.word = v.word
               ${cursorKey ? `AND (ow.legal_name, ow.organisation_id) > ${cursorKey}` : ''}
               ${text.words.length > 1 ? `AND EXISTS (SELECT 1 FROM organisation_name n WHERE n.organisation_id = ow.organisation_id AND ${allWords('n').join(' AND ')})` : ''}
               ${organisationMatches('ow.organisation_id').map((c) => `AND ${c}`).join(' ')}
             ORDER BY ow.legal_name, ow.organisation_id
             LIMIT ${limit}) m
         WHERE v.word IS NOT NULL
      ), by_trigram AS (
        SELECT n.organisation_id, n.legal_name FROM organisation_name n
         WHERE ${[...allWords('n'), ...organisationMatches('n.organisation_id'), ...(cursorKey ? [`(n.legal_name, n.organisation_id) > ${cursorKey}`] : [])].join(' AND ')}
      )
      SELECT organisation_id, legal_name FROM (
        SELECT * FROM by_word WHERE (SELECT count(*) FROM vocabulary WHERE word IS NOT NULL) <= ${maxWords}
        UNION ALL
        SELECT * FROM by_trigram WHERE (SELECT count(*) FROM vocabulary WHERE word IS NOT NULL) > ${maxWords}
      ) matches
      ORDER BY legal_name, organisation_id
      LIMIT ${limit}`;
    return preparedQuery(
      this.dataSource,
      `SELECT o.id AS organisation_id, o.legal_name AS sort_key, NULL::float8 AS distance_km, ${firstSite} AS site_id
         FROM (${page}) p JOIN organisation o ON o.id = p.organisation_id
        ORDER BY p.legal_name, p.organisation_id`,
      sql.params,
    );
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
    const records = await this.records(rows);
    return rows.map((r, i) => ({
      organisation: records[i].organisation,
      site: records[i].site,
      distanceKm: Math.round(Number(r.distance_km) * 100) / 100,
      freeCapacity: r.free_capacity === null ? null : Number(r.free_capacity),
      sharedMaterials: r.shared,
    }));
  }

  /**
   * The organisation and site of each row of a page, in one short query (the page queries stay
   * small to plan), made entities with TypeORM's own mapping.
   */
  private async records(page: Array<{ organisation_id: string; site_id: string | null }>): Promise<Array<{ organisation: Organisation; site: Site | null }>> {
    if (!page.length) return [];
    const mapping = (this.recordMapping ??= {
      columns: `${entityColumns(this.dataSource, Organisation, 'o')}, ${entityColumns(this.dataSource, Site, 's')}`,
      organisation: entityHydrator(this.dataSource, Organisation, 'o'),
      site: entityHydrator(this.dataSource, Site, 's'),
    });
    const rows = await preparedQuery<Record<string, unknown>>(
      this.dataSource,
      `SELECT ${mapping.columns}
         FROM unnest($1::uuid[], $2::uuid[]) WITH ORDINALITY p(organisation_id, site_id, i)
         JOIN organisation o ON o.id = p.organisation_id LEFT JOIN site s ON s.id = p.site_id
        ORDER BY p.i`,
      [page.map((r) => r.organisation_id), page.map((r) => r.site_id)],
    );
    return rows.map((r) => ({
      organisation: mapping.organisation(r),
      site: r['s.id'] ? mapping.site(r) : null,
    }));
  }

  /** The search centre, if any; throws one error naming every bad field, with `problems` found before. */
  private centreOf(filter: SupplierSearchInput, problems: FieldProblem[]): GeoPoint | null {
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

function decodeCursor(cursor: string, keyType: 'string' | 'number'): [string | number, string] {
  try {
    const v: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(v) && v.length === 2 && typeof v[0] === keyType && typeof v[1] === 'string' && /^[0-9a-f-]{36}$/.test(v[1])) {
      return v as [string | number, string];
    }
  } catch {
    // fall through
  }
  throw new BadInputError([{ field: 'after', reason: 'not a cursor returned by this API' }]);
}
