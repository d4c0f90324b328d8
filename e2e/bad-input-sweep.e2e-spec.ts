import { accessToken, ALICE_ORG } from '@rim/testing';
import { gql, STACK_TRACE, startPlatform, type HttpResult, type Platform } from './support/platform';

/**
 * Bad input over every mutation of every subgraph, through the gateway, with variables (the way
 * clients send input). The mutations and their input types come from introspecting the
 * supergraph, so a new subgraph or mutation is swept without touching this file. Each malformed
 * input must be refused (4xx or a GraphQL error) naming the field, never as an internal error,
 * and must write nothing: every table of every service's database is counted before and after.
 */
const SUBGRAPHS = ['directory', 'booking', 'tendering', 'logistics', 'atlas'];
const OVERSIZED = 'x'.repeat(20_000);
/** Numbers that are amounts of something: a negative one is never meaningful. */
const QUANTITY = /quantity|capacity|count|weight|volume|batch|days|hours|minutes|price|cents|quota|pallets|seats|km|kg|months/i;

interface TypeRef {
  kind: string;
  name: string | null;
  ofType: TypeRef | null;
}
interface InputValue {
  name: string;
  type: TypeRef;
  defaultValue: string | null;
}
interface FullType {
  kind: string;
  name: string;
  fields: Array<{ name: string; type: TypeRef; args: InputValue[] }> | null;
  inputFields: InputValue[] | null;
  enumValues: Array<{ name: string }> | null;
}

const INTROSPECTION = `{ __schema { mutationType { name } types {
  kind name
  fields { name type { ...T } args { name defaultValue type { ...T } } }
  inputFields { name defaultValue type { ...T } }
  enumValues { name }
} } }
fragment T on __Type { kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name } } } } }`;

const named = (t: TypeRef): TypeRef => (t.ofType ? named(t.ofType) : t);
const required = (t: TypeRef) => t.kind === 'NON_NULL';
const isList = (t: TypeRef): boolean => t.kind === 'LIST' || (t.kind === 'NON_NULL' && t.ofType!.kind === 'LIST');
const printType = (t: TypeRef): string =>
  t.kind === 'NON_NULL' ? `${printType(t.ofType!)}!` : t.kind === 'LIST' ? `[${printType(t.ofType!)}]` : t.name!;

/** One malformed variant of a mutation's variables, and the field it must name. */
interface Case {
  mutation: string;
  what: string;
  field: string;
  variables: Record<string, unknown>;
}

type Path = Array<string | number>;

function setAt(value: Record<string, unknown>, path: Path, replacement: unknown | typeof DROP): Record<string, unknown> {
  const copy = structuredClone(value);
  let cursor: Record<string | number, unknown> = copy;
  for (const key of path.slice(0, -1)) cursor = cursor[key] as Record<string | number, unknown>;
  const last = path[path.length - 1];
  if (replacement === DROP) delete cursor[last];
  else cursor[last] = replacement;
  return copy;
}
const DROP = Symbol('drop');

class Sweep {
  private readonly types: Map<string, FullType>;
  constructor(types: FullType[]) {
    this.types = new Map(types.map((t) => [t.name, t]));
  }

  /** A plausible value of the type, so that a case differs from it by one field only. */
  sample(type: TypeRef, name: string, depth = 0): unknown {
    if (isList(type)) return [this.sample(named(type), name, depth + 1)];
    const base = named(type);
    const full = this.types.get(base.name!)!;
    if (full.kind === 'ENUM') return full.enumValues![0].name;
    if (full.kind === 'INPUT_OBJECT') {
      return Object.fromEntries(
        full.inputFields!.filter((f) => required(f.type) || depth < 2).map((f) => [f.name, this.sample(f.type, f.name, depth + 1)]),
      );
    }
    switch (base.name) {
      case 'Int':
        return 1;
      case 'Float':
        return 1.5;
      case 'Boolean':
        return true;
      case 'ID':
        return ALICE_ORG;
      case 'DateTime':
        return '2031-10-30T10:00:00+01:00';
      default:
        return /siren/i.test(name) ? '732829320' : /siret/i.test(name) ? '73282932000074' : `sample ${name}`;
    }
  }

  /** Every malformed variant of one mutation's variables. */
  cases(mutation: string, args: InputValue[]): Case[] {
    const variables = Object.fromEntries(args.map((a) => [a.name, this.sample(a.type, a.name)]));
    const cases: Case[] = [];
    const visitValue = (type: TypeRef, path: Path, defaultValue: string | null) => {
      const field = path.filter((p) => typeof p === 'string').join('.');
      const leaf = String(path.filter((p) => typeof p === 'string').at(-1));
      const base = named(type);
      const full = this.types.get(base.name!)!;
      const add = (what: string, replacement: unknown) => cases.push({ mutation, what, field, variables: setAt(variables, path, replacement) });
      if (required(type) && defaultValue === null) add('missing field', DROP);
      if (isList(type)) {
        if (full.kind === 'INPUT_OBJECT' || full.kind === 'ENUM' || full.kind === 'SCALAR') visitValue(named(type), [...path, 0], null);
        return;
      }
      if (full.kind === 'ENUM') add('wrong enum', 'NOT_A_VALUE');
      else if (full.kind === 'INPUT_OBJECT') {
        for (const f of full.inputFields!) if (getIn(variables, [...path, f.name]) !== undefined) visitValue(f.type, [...path, f.name], f.defaultValue);
      } else if (base.name === 'Int' || base.name === 'Float') {
        add('wrong type', 'abc');
        if (QUANTITY.test(leaf)) add('negative quantity', -5);
        if (/^(first|last|limit)$/.test(leaf)) add('huge page size', 100_000);
      } else if (base.name === 'DateTime') {
        add('bad date', '2031-13-45T25:00:00+01:00');
        add('date without offset', '2031-10-30T10:00:00');
      } else if (base.name === 'String') {
        add('wrong type', 12);
        add('oversized string', OVERSIZED);
      } else if (base.name === 'Boolean') add('wrong type', 'yes');
    };
    for (const a of args) visitValue(a.type, [a.name], a.defaultValue);
    // A window (from/to, startsAt/endsAt ...) given the wrong way round.
    for (const c of this.windows(variables, [])) cases.push({ mutation, ...c });
    return cases;
  }

  private windows(value: unknown, path: Path): Array<Omit<Case, 'mutation'>> {
    if (!value || typeof value !== 'object') return [];
    const found: Array<Omit<Case, 'mutation'>> = [];
    const record = value as Record<string, unknown>;
    for (const [start, end] of [['startsAt', 'endsAt'], ['from', 'to'], ['windowStart', 'windowEnd'], ['start', 'end']]) {
      if (typeof record[start] === 'string' && typeof record[end] === 'string') {
        let reversed = setAt(this.root!, [...path, start], '2031-10-30T12:00:00+01:00');
        reversed = setAt(reversed, [...path, end], '2031-10-30T10:00:00+01:00');
        found.push({ what: 'reversed window', field: [...path, end].filter((p) => typeof p === 'string').join('.'), variables: reversed });
      }
    }
    for (const [key, child] of Object.entries(record)) found.push(...this.windows(child, [...path, key]));
    return found;
  }

  root: Record<string, unknown> | undefined;
}

function getIn(value: unknown, path: Path): unknown {
  return path.reduce<unknown>((v, k) => (v && typeof v === 'object' ? (v as Record<string | number, unknown>)[k] : undefined), value);
}

describe('bad-input sweep over every mutation, through the gateway (e2e)', () => {
  let platform: Platform;
  let token: string;
  let services: string[];
  let cases: Case[];
  let signatures: Map<string, { args: InputValue[]; selection: string }>;
  /** Callers with other roles, tried in turn when a mutation is refused as FORBIDDEN before its input is read. */
  let otherTokens: string[];

  /** Rows in every table of every service's database. */
  async function rowCounts(): Promise<Record<string, number>> {
    const counts: Record<string, number> = {};
    for (const service of services) {
      const tables = await platform.serviceQuery<{ name: string }>(
        service,
        `SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY 1`,
      );
      const [row] = await platform.serviceQuery<Record<string, number>>(
        service,
        `SELECT ${tables.map((t, i) => `(SELECT count(*)::int FROM "${t.name}") AS t${i}`).join(', ')}`,
      );
      tables.forEach((t, i) => (counts[`${service}.${t.name}`] = row[`t${i}`]));
    }
    return counts;
  }

  beforeAll(async () => {
    platform = await startPlatform('sweep');
    token = await accessToken('alice');
    // Role-gated mutations refuse alice before looking at her input: they are swept as the
    // operator, the buyer, the carrier or the authority instead.
    otherTokens = await Promise.all(['oscar', 'carla', 'dan', 'eve'].map((user) => accessToken(user)));
    services = SUBGRAPHS.filter((s) => {
      try {
        platform.subgraphUrl(s);
        return true;
      } catch {
        return false;
      }
    });
    const introspection = await gql(platform.gatewayUrl, INTROSPECTION);
    const schema = introspection.json!.data!.__schema as { mutationType: { name: string }; types: FullType[] };
    const sweep = new Sweep(schema.types);
    const mutationType = schema.types.find((t) => t.name === schema.mutationType.name)!;
    const objectTypes = new Set(schema.types.filter((t) => ['OBJECT', 'INTERFACE', 'UNION'].includes(t.kind)).map((t) => t.name));
    signatures = new Map(
      mutationType.fields!.map((f) => [f.name, { args: f.args, selection: objectTypes.has(named(f.type).name!) ? '{ __typename }' : '' }]),
    );
    cases = mutationType.fields!.flatMap((f) => {
      sweep.root = Object.fromEntries(f.args.map((a) => [a.name, sweep.sample(a.type, a.name)]));
      return sweep.cases(f.name, f.args);
    });
  }, 240_000);

  afterAll(async () => {
    await platform?.stop();
  });

  it('found the mutations of every subgraph present, and cases of every kind', () => {
    expect(services).toEqual(expect.arrayContaining(['directory', 'booking']));
    expect([...signatures.keys()]).toEqual(expect.arrayContaining(['registerOrganisation', 'listAsset', 'requestBooking']));
    expect(new Set(cases.map((c) => c.mutation)).size).toBe(signatures.size);
    expect(cases.length).toBeGreaterThan(200);
    const kinds = new Set(cases.map((c) => c.what));
    for (const kind of ['wrong enum', 'wrong type', 'missing field', 'negative quantity', 'reversed window', 'oversized string', 'bad date']) {
      expect(kinds).toContain(kind);
    }
  });

  it('refuses every malformed input naming the field, never as an internal error, and writes nothing', async () => {
    const before = await rowCounts();
    const failures: string[] = [];
    for (const c of cases) {
      const { args, selection } = signatures.get(c.mutation)!;
      const query = `mutation Sweep(${args.map((a) => `$${a.name}: ${printType(a.type)}`).join(', ')}) {
        ${c.mutation}(${args.map((a) => `${a.name}: $${a.name}`).join(', ')}) ${selection}
      }`;
      let result: HttpResult = await gql(platform.gatewayUrl, query, c.variables, { token });
      for (const other of otherTokens) {
        if (result.json?.errors?.[0]?.extensions?.code !== 'FORBIDDEN') break;
        result = await gql(platform.gatewayUrl, query, c.variables, { token: other });
      }
      const errors = result.json?.errors ?? [];
      const leaf = c.field.split('.').at(-1)!;
      const problem =
        result.status >= 500
          ? `HTTP ${result.status}`
          : errors.length === 0
            ? 'accepted'
            : errors.some((e) => e.extensions?.code === 'INTERNAL_SERVER_ERROR')
              ? 'internal error'
              : STACK_TRACE.test(result.text)
                ? 'leaks a stack trace'
                : !errors.some((e) => e.message.includes(leaf) || JSON.stringify(e.extensions ?? {}).includes(leaf))
                  ? `does not name ${c.field}: ${errors.map((e) => `${e.extensions?.code} ${e.message}`).join(' | ')}`
                  : null;
      if (problem) failures.push(`${c.mutation} ${c.what} ${c.field}: ${problem}`);
    }
    expect(failures).toEqual([]);
    expect(await rowCounts()).toEqual(before);
  }, 600_000);

  it('negative control: the sweep sees a write and an accepted input', async () => {
    const before = await rowCounts();
    const result = await gql(
      platform.gatewayUrl,
      'mutation R($input: RegisterOrganisationInput!) { registerOrganisation(input: $input) { id } }',
      { input: { siren: '732829320', legalName: "Forges de l'Isère", nafCode: '25.50A', sizeBand: 'SMALL', tier: 2 } },
      { token },
    );
    expect(result.json?.errors).toBeUndefined();
    const after = await rowCounts();
    expect(after).not.toEqual(before);
    expect(after['directory.organisation']).toBe(before['directory.organisation'] + 1);
  });
});
