import type { NestExpressApplication } from '@nestjs/platform-express';
import { DataSource } from 'typeorm';
import { graphql, recordSqlStatements, serviceTestEnv, startSubgraphUnderTest } from '@rim/testing';
import { AppModule } from '../src/app.module';
import { loadDirectoryConfig } from '../src/directory.config';
import { generateTerritory, type Territory } from '../src/seed/territory-generator';
import { writeTerritory } from '../src/seed/territory-writer';

/**
 * The directory's entities as other subgraphs reach them (issue 13): 50 `Organisation` references
 * with their sites, or 50 `Site` references, cost one SQL statement per table, not one per item.
 */
const LIST = 50;
const ENTITIES = `query($r: [_Any!]!) { _entities(representations: $r) {
  ... on Organisation { id legalName sites { id } }
  ... on Site { id organisationId name }
} }`;

describe('directory entities across subgraphs, with real Postgres', () => {
  let app: NestExpressApplication;
  let url: string;
  let dataSource: DataSource;
  let stop: () => Promise<void>;
  let territory: Territory;
  let statements: string[] = [];

  beforeAll(async () => {
    ({ app, url, dataSource, stop } = await startSubgraphUnderTest('directory_fed', (databaseUrl) =>
      AppModule.forRoot(loadDirectoryConfig(serviceTestEnv('directory', databaseUrl)))));
    void app;
    territory = generateTerritory(LIST, 13);
    await writeTerritory(dataSource, territory);
    recordSqlStatements((sql) => statements.push(sql));
  });

  afterAll(async () => {
    jest.restoreAllMocks();
    await stop?.();
  });

  const reads = (table: string) => statements.filter((sql) => new RegExp(`FROM "${table}"`, 'i').test(sql)).length;

  it(`resolves ${LIST} Organisation references and their sites with one statement each`, async () => {
    statements = [];
    const result = await graphql<{ _entities: Array<{ id: string; legalName: string; sites: Array<{ id: string }> }> }>(
      url, ENTITIES, { r: territory.organisations.map((o) => ({ __typename: 'Organisation', id: o.id })) });
    expect(result.errors).toBeUndefined();
    expect(result.data!._entities.map((o) => o.id)).toEqual(territory.organisations.map((o) => o.id));
    for (const o of result.data!._entities) {
      expect(o.sites.map((s) => s.id).sort()).toEqual(territory.sites.filter((s) => s.organisationId === o.id).map((s) => s.id).sort());
    }
    expect(reads('organisation')).toBe(1);
    expect(reads('site')).toBe(1);
  });

  it(`resolves ${LIST} Site references with one statement; an unknown or malformed id is null`, async () => {
    statements = [];
    const sites = territory.sites.slice(0, LIST);
    expect(sites).toHaveLength(LIST);
    const reps = [...sites.map((s) => ({ __typename: 'Site', id: s.id })), { __typename: 'Site', id: 'x' }, { __typename: 'Site', id: '00000000-0000-4000-8000-000000000000' }];
    const result = await graphql<{ _entities: unknown[] }>(url, ENTITIES, { r: reps });
    expect(result.errors).toBeUndefined();
    expect(result.data!._entities).toEqual([...sites.map((s) => ({ id: s.id, organisationId: s.organisationId, name: s.name })), null, null]);
    expect(reads('site')).toBe(1);
  });

  it('negative control: 50 organisation(id) root queries cost 50 statements, so the count sees per-item lookups', async () => {
    statements = [];
    const query = `{ ${territory.organisations.map((o, i) => `o${i}: organisation(id: "${o.id}") { id }`).join(' ')} }`;
    const result = await graphql(url, query, {});
    expect(result.errors).toBeUndefined();
    expect(reads('organisation')).toBe(LIST);
  });
});
