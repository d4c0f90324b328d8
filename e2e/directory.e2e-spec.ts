import { randomUUID } from 'node:crypto';
import { fromBinary } from '@bufbuild/protobuf';
import { OrganisationRegisteredSchema, SizeBand, Topic } from '@rim/contracts';
import { accessToken, ALICE_ORG, BOB_ORG, KafkaProbe } from '@rim/testing';
import { gql, STACK_TRACE, startPlatform, type Platform } from './support/platform';

/**
 * The directory, end to end: only through the gateway, with tokens from the real Keycloak, events
 * read back from the real Kafka. The directory runs as its own process on a scratch database.
 */

const REGISTER = `mutation Register($input: RegisterOrganisationInput!) {
  registerOrganisation(input: $input) { id siren legalName tier sizeBand }
}`;
const UPDATE = `mutation Update($id: ID!, $input: UpdateOrganisationInput!) {
  updateOrganisation(id: $id, input: $input) { id legalName tradingName }
}`;
const LIST = `{ organisations(first: 100) { edges { node { id legalName } } } }`;
const ONE = `query One($id: ID!) { organisation(id: $id) { id legalName tradingName } }`;

const ALICE_INPUT = { siren: '732 829 320', legalName: "Forges de l'Isère", nafCode: '25.50A', sizeBand: 'SMALL', tier: 2 };

describe('directory through the gateway (e2e)', () => {
  let platform: Platform;
  let probe: KafkaProbe;
  let gateway: string;

  beforeAll(async () => {
    // Probe first: it sees only what is published after it joins, so it must listen before the write.
    probe = await KafkaProbe.start([Topic.OrganisationRegistered]);
    platform = await startPlatform('dir_e2e');
    gateway = platform.gatewayUrl;
  }, 180_000);

  afterAll(async () => {
    await probe?.stop();
    await platform?.stop();
  });

  async function writes(): Promise<{ organisations: number; outbox: number }> {
    const [row] = await platform.directoryQuery<{ organisations: number; outbox: number }>(
      `SELECT (SELECT count(*) FROM organisation)::int AS organisations, (SELECT count(*) FROM outbox_message)::int AS outbox`,
    );
    return row;
  }

  async function listed(): Promise<Array<{ id: string; legalName: string }>> {
    const result = await gql(gateway, LIST);
    expect(result.json?.errors).toBeUndefined();
    return result.json?.data?.organisations.edges.map((e: { node: { id: string; legalName: string } }) => e.node);
  }

  it('alice registers her organisation; the event carries the correlation id sent to the gateway', async () => {
    const correlationId = `e2e-${randomUUID()}`;
    const result = await gql(gateway, REGISTER, { input: ALICE_INPUT }, {
      token: await accessToken('alice'),
      headers: { 'x-correlation-id': correlationId },
    });
    expect(result.status).toBe(200);
    expect(result.json?.errors).toBeUndefined();
    expect(result.json?.data?.registerOrganisation).toEqual({
      id: ALICE_ORG, // the org_id of her token, not an id she chose
      siren: '732829320',
      legalName: "Forges de l'Isère",
      tier: 2,
      sizeBand: 'SMALL',
    });

    const record = await probe.waitFor((r) => r.key === ALICE_ORG);
    expect(record.headers.ce_type).toBe('marketplace.directory.v1.OrganisationRegistered');
    expect(record.headers.ce_source).toBe('directory');
    // The gateway forwarded x-correlation-id to the subgraph, which put it on the event.
    expect(record.headers.ce_correlationid).toBe(correlationId);
    const event = fromBinary(OrganisationRegisteredSchema, record.value);
    expect(event).toMatchObject({ organisationId: ALICE_ORG, siren: '732829320', sizeBand: SizeBand.SMALL, tier: 2 });
  });

  it('an anonymous visitor lists the organisation through the gateway', async () => {
    expect(await listed()).toContainEqual({ id: ALICE_ORG, legalName: "Forges de l'Isère" });
  });

  it("bob, of another organisation, cannot update alice's organisation; alice can", async () => {
    const bob = await gql(gateway, UPDATE, { id: ALICE_ORG, input: { legalName: 'Hijacked by Bob' } }, { token: await accessToken('bob') });
    expect(bob.status).toBeLessThan(500);
    expect(bob.json?.errors).toHaveLength(1);
    expect(bob.json?.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    // bob is a plain member: the role check refuses him before the organisation check would.
    expect(bob.json?.errors?.[0]?.extensions?.reason).toBe('FORBIDDEN_MISSING_ROLE');
    expect(bob.json?.data?.updateOrganisation ?? null).toBeNull();

    const after = await gql(gateway, ONE, { id: ALICE_ORG });
    expect(after.json?.data?.organisation.legalName).toBe("Forges de l'Isère");

    // Positive control: the same mutation by alice, on her own organisation, goes through.
    const own = await gql(gateway, UPDATE, { id: ALICE_ORG, input: { tradingName: 'FDI' } }, { token: await accessToken('alice') });
    expect(own.json?.errors).toBeUndefined();
    expect(own.json?.data?.updateOrganisation).toEqual({ id: ALICE_ORG, legalName: "Forges de l'Isère", tradingName: 'FDI' });
  });

  it("an org-admin cannot update another organisation either (tenant isolation, not just roles)", async () => {
    const registered = await gql(gateway, REGISTER, {
      input: { siren: '552100554', legalName: 'Plasturgie du Grésivaudan', nafCode: '22.29A', sizeBand: 'MEDIUM', tier: 2 },
    }, { token: await accessToken('bob') });
    expect(registered.json?.errors).toBeUndefined();
    expect(registered.json?.data?.registerOrganisation.id).toBe(BOB_ORG);

    const alice = await gql(gateway, UPDATE, { id: BOB_ORG, input: { legalName: 'Hijacked by Alice' } }, { token: await accessToken('alice') });
    expect(alice.json?.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'FORBIDDEN_OTHER_ORGANISATION' });
    const after = await gql(gateway, ONE, { id: BOB_ORG });
    expect(after.json?.data?.organisation.legalName).toBe('Plasturgie du Grésivaudan');
  });

  it('bad input is refused with one BAD_USER_INPUT error naming each field, no stack trace, nothing written', async () => {
    const token = await accessToken('carla'); // a member whose organisation is not registered yet
    const before = await writes();
    const listedBefore = (await listed()).length;
    const bad = { siren: '732829321' /* Luhn fails */, legalName: 'Mécatronique des Alpes', nafCode: '28.41Z', sizeBand: 'MICRO', tier: 7 };

    const result = await gql(gateway, REGISTER, { input: bad }, { token });
    expect(result.status).not.toBe(500);
    expect(result.status).toBeLessThan(500);
    expect(result.json?.errors).toHaveLength(1);
    const error = result.json!.errors![0];
    expect(error.extensions?.code).toBe('BAD_USER_INPUT');
    const fields = (error.extensions?.fields as Array<{ field: string }>).map((f) => f.field).sort();
    expect([...new Set(fields)]).toEqual(['input.siren', 'input.tier']);
    expect(error.message).toContain('input.siren');
    expect(error.message).toContain('input.tier');
    expect(result.text).not.toMatch(STACK_TRACE);
    expect(await writes()).toEqual(before);
    expect((await listed()).length).toBe(listedBefore);

    // Positive control: with the SIREN and tier corrected, the same call writes one organisation.
    const good = await gql(gateway, REGISTER, { input: { ...bad, siren: '356000000', tier: 1 } }, { token });
    expect(good.json?.errors).toBeUndefined();
    expect(await writes()).toEqual({ organisations: before.organisations + 1, outbox: before.outbox + 1 });
  });
});
