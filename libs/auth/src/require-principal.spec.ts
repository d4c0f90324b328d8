import { AuthenticationError } from './authentication.error';
import { ForbiddenError } from './forbidden.error';
import type { Principal } from './principal';
import { requireOrganisation, requirePrincipal } from './require-principal';

const ORG = '6f1c2d3e-0000-4000-8000-000000000001';

function principal(organisationId: string | null): Principal {
  return { userId: 'user-1', organisationId, roles: new Set(['member']), token: 't', expiresAt: new Date(Date.now() + 60_000) };
}

function thrown(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error('expected a refusal');
}

describe('requirePrincipal', () => {
  it('returns the signed-in caller', () => {
    const caller = principal(null);
    expect(requirePrincipal({ principal: caller }, 'use co-delivery')).toBe(caller);
  });

  it('refuses an anonymous caller as UNAUTHENTICATED, saying what signing in is for', () => {
    const error = thrown(() => requirePrincipal({ principal: null }, 'use co-delivery'));
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error).toMatchObject({ code: 'TOKEN_MISSING', message: 'sign in to use co-delivery' });
  });
});

describe('requireOrganisation', () => {
  it("returns the caller with the organisation they act for", () => {
    expect(requireOrganisation({ principal: principal(ORG) }, 'use tendering').organisationId).toBe(ORG);
  });

  it('refuses a user tied to no organisation as FORBIDDEN', () => {
    const error = thrown(() => requireOrganisation({ principal: principal(null) }, 'use tendering'));
    expect(error).toBeInstanceOf(ForbiddenError);
    expect(error).toMatchObject({ code: 'FORBIDDEN_NO_ORGANISATION', message: expect.stringContaining('not tied to an organisation') });
  });

  it('refuses an anonymous caller before looking at organisations', () => {
    expect(thrown(() => requireOrganisation({ principal: undefined }, 'use tendering'))).toBeInstanceOf(AuthenticationError);
  });
});
