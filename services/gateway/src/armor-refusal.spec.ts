import { buildSchema, parse, validate, type ValidationRule } from 'graphql';
import { costLimitRule } from '@escape.tech/graphql-armor-cost-limit';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { armorRefusal, largestListSize } from './armor-refusal';

const schema = buildSchema(`
  type Query { organisations(first: Int): Page }
  type Page { hasNextPage: Boolean, edges: [Edge] }
  type Edge { cursor: String, node: Node }
  type Node { id: ID, sites: [Site] }
  type Site { id: ID, commune: Commune }
  type Commune { name: String }
`);
const depthRule = (n: number): ValidationRule =>
  maxDepthRule({ n, flattenFragments: true, propagateOnRejection: false, onReject: [armorRefusal('depth')] });
const run = (rule: ValidationRule, query: string) => validate(schema, parse(query), [rule]);

// Real depth 6 (organisations > edges > node > sites > commune > name), built of three nested fragments.
const SIX_THROUGH_FRAGMENTS = `
  fragment A on Query { organisations(first: 1) { ...B } }
  fragment B on Page { edges { node { ...C } } }
  fragment C on Node { sites { commune { name } } }
  { ...A }`;

describe('armorRefusal', () => {
  it('counts fields, not fragment spreads: a real depth-6 query of three nested fragments passes a limit of 6', () => {
    expect(run(depthRule(6), SIX_THROUGH_FRAGMENTS)).toEqual([]);
  });

  it('still refuses real depth over the limit, through fragments, without "Syntax Error"', () => {
    const [error, ...rest] = run(depthRule(5), SIX_THROUGH_FRAGMENTS);
    expect(rest).toEqual([]);
    expect(error.message).toBe('Query depth limit of 5 exceeded, found 6.');
    expect(error.extensions).toEqual({ code: 'GRAPHQL_VALIDATION_FAILED', limit: 'depth' });
  });

  it('negative control: without flattenFragments, armor counts the spreads as levels and finds 12, as issue 14 saw', () => {
    const rule = maxDepthRule({ n: 6, propagateOnRejection: false, onReject: [armorRefusal('depth')] });
    expect(run(rule, SIX_THROUGH_FRAGMENTS)[0]?.message).toBe('Query depth limit of 6 exceeded, found 12.');
  });

  it('names the argument and the field that made a cost too high', () => {
    const rule = costLimitRule({ maxCost: 5000, flattenFragments: true, propagateOnRejection: false, onReject: [armorRefusal('cost')] });
    const [error] = run(rule, '{ organisations(first: 100000) { hasNextPage } }');
    expect(error.message).not.toMatch(/Syntax Error/);
    expect(error.message).toMatch(/^Query Cost limit of 5000 exceeded, found \d+\. The largest list asked for is first: 100000 on field "organisations"/);
    expect(error.extensions).toEqual({ code: 'GRAPHQL_VALIDATION_FAILED', limit: 'cost', field: 'organisations', argument: 'first' });
    // Positive control: a page of 10 is within the limit.
    expect(run(rule, '{ organisations(first: 10) { hasNextPage } }')).toEqual([]);
  });

  it('reports an alias refusal as a validation error without the prefix', () => {
    const rule = maxAliasesRule({ n: 1, propagateOnRejection: false, onReject: [armorRefusal('aliases')] });
    const [error] = run(rule, '{ a: organisations { hasNextPage } b: organisations { hasNextPage } }');
    expect(error.message).toBe('Aliases limit of 1 exceeded, found 2.');
    expect(error.extensions.limit).toBe('aliases');
  });

  it('finds the largest literal list size, ignoring variables', () => {
    expect(largestListSize(parse('query($n: Int) { a: organisations(first: 3) { hasNextPage } b: organisations(first: $n) { hasNextPage } }'))).toEqual({
      field: 'organisations',
      argument: 'first',
      size: 3,
    });
    expect(largestListSize(parse('{ organisations { hasNextPage } }'))).toBeUndefined();
  });
});
