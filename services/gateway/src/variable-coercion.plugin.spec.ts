import { buildSchema, parse } from 'graphql';
import { variableProblems } from './variable-coercion.plugin';

const schema = buildSchema(`
  enum SizeBand { MICRO SMALL MEDIUM }
  input LineInput { sku: String!, quantity: Int! }
  input RegisterInput { legalName: String!, sizeBand: SizeBand!, tier: Int, lines: [LineInput!] }
  type Query { ok: Boolean }
  type Mutation { register(input: RegisterInput!, note: String = "x"): Boolean }
`);
const REGISTER = parse('mutation R($input: RegisterInput!, $note: String) { register(input: $input, note: $note) }');
const problems = (variables: Record<string, unknown> | undefined, suggestions = true) =>
  variableProblems(schema, REGISTER, 'R', variables, { suggestions });
const VALID = { legalName: 'Forges', sizeBand: 'SMALL', tier: 2, lines: [{ sku: 'a', quantity: 1 }] };

describe('variableProblems', () => {
  it('positive control: valid variables have no problem', () => {
    expect(problems({ input: VALID })).toEqual([]);
  });

  it.each([
    ['a wrong enum value', { ...VALID, sizeBand: 'HUGE' }, 'input.sizeBand', /"HUGE" does not exist in "SizeBand"/],
    ['a wrong type', { ...VALID, tier: 'abc' }, 'input.tier', /Int cannot represent non-integer value: "abc"/],
    ['a missing required field', { sizeBand: 'SMALL' }, 'input.legalName', /required type "String!" was not provided/],
    ['an unknown field', { ...VALID, siren: '1' }, 'input.siren', /not defined by type "RegisterInput"/],
    ['a bad item in a list', { ...VALID, lines: [{ sku: 'a', quantity: 1 }, { sku: 'b', quantity: 'two' }] }, 'input.lines[1].quantity', /Int cannot represent/],
  ])('names the field of %s', (_what, input, field, reason) => {
    const [problem, ...rest] = problems({ input });
    expect(rest).toEqual([]);
    expect(problem.field).toBe(field);
    expect(problem.reason).toMatch(reason);
  });

  it('names a missing required variable, and a null one', () => {
    expect(problems({})).toEqual([{ field: 'input', reason: 'required RegisterInput! was not provided' }]);
    expect(problems(undefined)).toEqual([{ field: 'input', reason: 'required RegisterInput! was not provided' }]);
    expect(problems({ input: null })[0]).toMatchObject({ field: 'input', reason: expect.stringMatching(/must not be null/) });
  });

  it('drops "Did you mean" when suggestions are off (production)', () => {
    const input = { ...VALID, sizeBand: 'SMAL' };
    expect(problems({ input })[0].reason).toMatch(/Did you mean/);
    expect(problems({ input }, false)[0].reason).not.toMatch(/Did you mean|SMALL/);
  });
});
