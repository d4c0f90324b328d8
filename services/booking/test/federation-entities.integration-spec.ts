import { randomUUID } from 'node:crypto';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DataSource, type EntityManager } from 'typeorm';
import { create } from '@bufbuild/protobuf';
import { OrganisationRegisteredSchema, OrganisationUpdatedSchema } from '@rim/contracts';
import { InboxContext, type EventMetadata } from '@rim/messaging';
import { graphql, recordSqlStatements, serviceTestEnv, startSubgraphUnderTest } from '@rim/testing';
import { AppModule } from '../src/app.module';
import { loadBookingConfig } from '../src/booking.config';
import { OrganisationRegisteredHandler } from '../src/organisations/handlers/organisation-registered.handler';
import { OrganisationUpdatedHandler } from '../src/organisations/handlers/organisation-updated.handler';

/**
 * Booking as a federation subgraph (issue 13): `Organisation.assets` and the `Asset` reference
 * resolver answer a list of 50 with one SQL statement, and the copy of organisation names stays
 * fresh whatever order the directory's events arrive in.
 */
const LIST = 50;
const ENTITIES = `query($r: [_Any!]!) { _entities(representations: $r) {
  ... on Organisation { id assets { id name organisation { id } site { id } } }
  ... on Asset { id name organisationId }
} }`;

describe('booking entities across subgraphs, with real Postgres', () => {
  let app: NestExpressApplication;
  let url: string;
  let dataSource: DataSource;
  let stop: () => Promise<void>;
  const organisations: string[] = [];
  const assets: Array<{ id: string; organisationId: string; name: string; siteId: string }> = [];
  let statements: string[] = [];

  beforeAll(async () => {
    ({ app, url, dataSource, stop } = await startSubgraphUnderTest('booking_fed', (databaseUrl) =>
      AppModule.forRoot(loadBookingConfig(serviceTestEnv('booking', databaseUrl)))));
    for (let n = 0; n < LIST; n++) {
      const organisationId = randomUUID();
      const asset = { id: randomUUID(), organisationId, name: `Machine ${String(n).padStart(2, '0')}`, siteId: randomUUID() };
      organisations.push(organisationId);
      assets.push(asset);
      await dataSource.query(
        `INSERT INTO asset (id, organisation_id, site_id, name, kind, process_code, opening_hours, min_booking_minutes, max_booking_minutes,
                            buffer_minutes, price_model, hourly_rate_cents)
         VALUES ($1, $2, $3, $4, 'MACHINE', 'CNC_MILLING', '[]', 30, 480, 0, 'HOURLY', 1500)`,
        [asset.id, organisationId, asset.siteId, asset.name],
      );
    }
    recordSqlStatements((sql) => statements.push(sql));
  });

  afterAll(async () => {
    jest.restoreAllMocks();
    await stop?.();
  });

  /** Statements that read the asset table (the relay's outbox polling reads other tables). */
  const assetReads = () => statements.filter((sql) => /FROM "asset"/i.test(sql)).length;

  it(`resolves Organisation.assets for ${LIST} organisations with one SQL statement`, async () => {
    statements = [];
    const result = await graphql<{ _entities: Array<{ id: string; assets: Array<{ id: string; organisation: { id: string }; site: { id: string } }> }> }>(
      url, ENTITIES, { r: organisations.map((id) => ({ __typename: 'Organisation', id })) });
    expect(result.errors).toBeUndefined();
    expect(result.data!._entities).toEqual(
      assets.map((a) => ({ id: a.organisationId, assets: [{ id: a.id, name: a.name, organisation: { id: a.organisationId }, site: { id: a.siteId } }] })),
    );
    expect(assetReads()).toBe(1);
  });

  it(`resolves ${LIST} Asset references with one SQL statement; an id that is not a UUID is null, not an error`, async () => {
    statements = [];
    const reps = [...assets.map((a) => ({ __typename: 'Asset', id: a.id })), { __typename: 'Asset', id: 'not-a-uuid' }];
    const result = await graphql<{ _entities: unknown[] }>(url, ENTITIES, { r: reps });
    expect(result.errors).toBeUndefined();
    expect(result.data!._entities).toEqual([...assets.map((a) => ({ id: a.id, name: a.name, organisationId: a.organisationId })), null]);
    expect(assetReads()).toBe(1);
  });

  it('negative control: the same 50 assets asked one root query each cost 50 statements, so the count sees per-item lookups', async () => {
    statements = [];
    const query = `{ ${assets.map((a, i) => `a${i}: asset(id: "${a.id}") { id }`).join(' ')} }`;
    const result = await graphql(url, query, {});
    expect(result.errors).toBeUndefined();
    expect(assetReads()).toBe(LIST);
  });

  it('keeps the newest legal name whatever order organisation-registered and organisation-updated arrive in', async () => {
    const id = randomUUID();
    const registered = app.get(OrganisationRegisteredHandler);
    const updated = app.get(OrganisationUpdatedHandler);
    const meta = (time: string): EventMetadata => ({ id: randomUUID(), type: 'test', source: 'directory', time, correlationId: randomUUID(), causationId: randomUUID() });
    const context = (tx: EntityManager, time: string) => new InboxContext([tx, meta(time), 'test']);
    const name = async () => (await dataSource.query(`SELECT legal_name FROM known_organisation WHERE id = $1`, [id]))[0]?.legal_name;

    await dataSource.transaction((tx) => updated.handle(create(OrganisationUpdatedSchema, { organisationId: id, legalName: 'Nouveau nom' }), context(tx, '2026-01-02T00:00:00Z')));
    await dataSource.transaction((tx) => registered.handle(create(OrganisationRegisteredSchema, { organisationId: id, legalName: 'Ancien nom' }), context(tx, '2026-01-01T00:00:00Z')));
    expect(await name()).toBe('Nouveau nom');
    // Control: a later event does replace the name, so the guard is about time, not "first wins".
    await dataSource.transaction((tx) => updated.handle(create(OrganisationUpdatedSchema, { organisationId: id, legalName: 'Nom de 2026-01-03' }), context(tx, '2026-01-03T00:00:00Z')));
    expect(await name()).toBe('Nom de 2026-01-03');
  });
});
