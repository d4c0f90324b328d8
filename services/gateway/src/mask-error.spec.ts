import { GraphQLError } from 'graphql';
import { maskGatewayError } from './mask-error';

describe('maskGatewayError', () => {
  const logged: Array<[string, unknown]> = [];
  const mask = maskGatewayError((reference, error) => logged.push([reference, error]));
  beforeEach(() => (logged.length = 0));

  it.each(['UNAUTHENTICATED', 'BAD_USER_INPUT', 'FORBIDDEN', 'GRAPHQL_VALIDATION_FAILED', 'BAD_REQUEST'])(
    'lets a %s error through as the same object, unlogged',
    (code) => {
      const error = new GraphQLError('for the client', { extensions: { code, reason: 'WHY' } });
      expect(mask(error)).toBe(error);
      expect(logged).toEqual([]);
    },
  );

  it('masks a subgraph failure behind a reference and logs the original under it', () => {
    const cause = new Error('fetch failed: connect ECONNREFUSED 127.0.0.1:9');
    const error = new GraphQLError('fetch failed', { path: ['trip'], originalError: cause, extensions: { serviceName: 'logistics' } });
    const masked = mask(error) as GraphQLError;
    expect(masked.message).toMatch(/^internal error \(reference [0-9a-f-]{36}\)$/);
    expect(masked.extensions).toEqual({ code: 'INTERNAL_SERVER_ERROR', reference: expect.any(String) });
    expect(masked.path).toEqual(['trip']);
    expect(logged).toEqual([[masked.extensions.reference, cause]]);
  });

  it('masks an error that is not a GraphQLError', () => {
    const masked = mask(new TypeError('x is undefined')) as GraphQLError;
    expect(masked.extensions).toEqual({ code: 'INTERNAL_SERVER_ERROR', reference: expect.any(String) });
    expect(masked.message).not.toContain('undefined');
  });

  it("gives a code-less 4xx refusal of Yoga's (the CSRF check) BAD_REQUEST instead of masking it", () => {
    const csrf = new GraphQLError('Required CSRF header(s) not present', { extensions: { http: { status: 403 } } });
    const passed = mask(csrf) as GraphQLError;
    expect(passed.message).toBe('Required CSRF header(s) not present');
    expect(passed.extensions).toEqual({ code: 'BAD_REQUEST', http: { status: 403 } });
    // Positive control: the same error without a 4xx status is internal.
    expect((mask(new GraphQLError('Required CSRF header(s) not present')) as GraphQLError).extensions.code).toBe('INTERNAL_SERVER_ERROR');
  });
});
