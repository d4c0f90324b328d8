import { join } from 'node:path';
import { fromBinary } from '@bufbuild/protobuf';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DataSource } from 'typeorm';
import { OrganisationRegisteredSchema, SizeBand, Topic } from '@rim/contracts';
import { subgraphSdl } from '@rim/service-kit';
import { accessToken, ALICE_ORG, BOB_ORG, graphql, KafkaProbe, serviceTestEnv, startSubgraphUnderTest, expectCommittedSchema } from '@rim/testing';
import { AppModule } from '../src/app.module';
import { loadDirectoryConfig } from '../src/directory.config';


const REGISTER = `mutation Register($input: RegisterOrganisationInput!) {
  registerOrganisation(input: $input) { id siren legalName tier sizeBand }
}`;
const UPDATE = `mutation Update($id: ID!, $input: UpdateOrganisationInput!) {
  updateOrganisation(id: $id, input: $input) { id legalName }
}`;

describe('directory service: organisations, with real Postgres, Kafka and Keycloak', () => {
  let app: NestExpressApplication;
  let url: string;
  let dataSource: DataSource;
  let stop: () => Promise<void>;
  let probe: KafkaProbe;

  beforeAll(async () => {
    probe = await KafkaProbe.start([Topic.OrganisationRegistered]);
    ({ app, url, dataSource, stop } = await startSubgraphUnderTest('directory', (databaseUrl) =>
      AppModule.forRoot(loadDirectoryConfig(serviceTestEnv('directory', databaseUrl)))));
  });

  afterAll(async () => {
    await probe?.stop();
    await stop?.();
  });

  async function counts(): Promise<{ organisations: number; outbox: number }> {
    const [row] = await dataSource.query(
      `SELECT (SELECT count(*) FROM organisation)::int AS organisations, (SELECT count(*) FROM outbox_message)::int AS outbox`,
    );
    return row;
  }

  it('commits the emitted subgraph schema (UPDATE_SCHEMAS=1 npm run test:integration rewrites it, never in CI)', () => {
    expectCommittedSchema(subgraphSdl(app), join(__dirname, '..', 'schema.graphql'));
  });

  it('registers the caller organisation and publishes organisation-registered through the outbox', async () => {
    const token = await accessToken('alice');
    const result = await graphql(url, REGISTER, {
      input: { siren: '732 829 320', legalName: "Forges de l'Isère", nafCode: '25.50A', sizeBand: 'SMALL', tier: 2 },
    }, token);
    expect(result.errors).toBeUndefined();
    expect(result.data?.registerOrganisation).toEqual({
      id: ALICE_ORG,
      siren: '732829320',
      legalName: "Forges de l'Isère",
      tier: 2,
      sizeBand: 'SMALL',
    });
    const record = await probe.waitFor((r) => r.key === ALICE_ORG);
    const event = fromBinary(OrganisationRegisteredSchema, record.value);
    expect(event).toMatchObject({ organisationId: ALICE_ORG, siren: '732829320', sizeBand: SizeBand.SMALL, tier: 2 });
    expect(record.headers).toMatchObject({
      ce_type: 'marketplace.directory.v1.OrganisationRegistered',
      ce_source: 'directory',
      ce_specversion: '1.0',
      'content-type': 'application/protobuf',
    });
    expect(record.headers.ce_correlationid).toBeTruthy();
  });

  it('refuses bad input naming each field, and writes nothing', async () => {
    const before = await counts();
    const token = await accessToken('bob');
    const result = await graphql(url, REGISTER, {
      input: { siren: '732829321', legalName: 'X', nafCode: '2562B', sizeBand: 'SMALL', tier: 4 },
    }, token);
    expect(result.status).toBeLessThan(500);
    const error = result.errors?.[0];
    expect(error?.extensions?.code).toBe('BAD_USER_INPUT');
    const fields = (error?.extensions?.fields as Array<{ field: string }>).map((f) => f.field).sort();
    expect(fields).toEqual(['input.legalName', 'input.nafCode', 'input.siren', 'input.tier']);
    expect(error?.message).toContain('input.siren: fails the Luhn checksum');
    expect(JSON.stringify(result)).not.toMatch(/at .*\.ts:\d+/); // no stack trace
    expect(await counts()).toEqual(before);
  });

  it('refuses a second organisation with the same SIREN, naming the field, and writes nothing', async () => {
    const before = await counts();
    const result = await graphql(url, REGISTER, {
      input: { siren: '732829320', legalName: 'Copie SARL', nafCode: '25.62B', sizeBand: 'MICRO', tier: 3 },
    }, await accessToken('bob'));
    expect(result.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    expect(result.errors?.[0]?.message).toContain('input.siren');
    expect(await counts()).toEqual(before);
  });

  it("refuses a change to another organisation's profile", async () => {
    // alice is org-admin of her own organisation; she tries to edit bob's.
    await graphql(url, REGISTER, {
      input: { siren: '552100554', legalName: 'Plasturgie du Grésivaudan', nafCode: '22.29A', sizeBand: 'MEDIUM', tier: 2 },
    }, await accessToken('bob'));
    const before = await counts();
    const result = await graphql(url, UPDATE, { id: BOB_ORG, input: { legalName: 'Hijacked' } }, await accessToken('alice'));
    expect(result.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(await counts()).toEqual(before);
    const [bob] = await dataSource.query(`SELECT legal_name FROM organisation WHERE id = $1`, [BOB_ORG]);
    expect(bob.legal_name).toBe('Plasturgie du Grésivaudan');
    // Positive control: alice may edit her own organisation.
    const own = await graphql(url, UPDATE, { id: ALICE_ORG, input: { tradingName: 'FDI' } }, await accessToken('alice'));
    expect(own.errors).toBeUndefined();
  });

  it('refuses a change that would clear a field every organisation has, naming it, and changes nothing', async () => {
    const token = await accessToken('alice');
    const before = await dataSource.query(`SELECT * FROM organisation WHERE id = $1`, [ALICE_ORG]);
    const outbox = (await counts()).outbox;
    for (const field of ['legalName', 'nafCode', 'sizeBand', 'tier']) {
      const result = await graphql(url, UPDATE, { id: ALICE_ORG, input: { [field]: null } }, token);
      expect(result.status).toBeLessThan(500);
      expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      expect((result.errors?.[0]?.extensions?.fields as Array<{ field: string }>).map((f) => f.field)).toContain(`input.${field}`);
    }
    expect(await dataSource.query(`SELECT * FROM organisation WHERE id = $1`, [ALICE_ORG])).toEqual(before);
    expect((await counts()).outbox).toBe(outbox);
    // Positive control: a field that may be empty is cleared by null.
    const cleared = await graphql(url, UPDATE, { id: ALICE_ORG, input: { tradingName: null } }, token);
    expect(cleared.errors).toBeUndefined();
    const [alice] = await dataSource.query(`SELECT trading_name FROM organisation WHERE id = $1`, [ALICE_ORG]);
    expect(alice.trading_name).toBeNull();
  });

  it('refuses a mutation without a token, and one with a tampered token', async () => {
    const anonymous = await graphql(url, UPDATE, { id: ALICE_ORG, input: { legalName: 'Anon' } });
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const token = await accessToken('alice');
    const [h, p, s] = token.split('.');
    const payload = JSON.parse(Buffer.from(p, 'base64url').toString());
    payload.org_id = BOB_ORG;
    const forged = `${h}.${Buffer.from(JSON.stringify(payload)).toString('base64url')}.${s}`;
    const result = await graphql(url, UPDATE, { id: BOB_ORG, input: { legalName: 'Forged' } }, forged);
    expect(result.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const [bob] = await dataSource.query(`SELECT legal_name FROM organisation WHERE id = $1`, [BOB_ORG]);
    expect(bob.legal_name).toBe('Plasturgie du Grésivaudan');
  });
});
