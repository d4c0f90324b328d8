import { ForbiddenError } from './forbidden.error';
import { assertSameOrganisation, hasRole, type Principal } from './principal';
import type { Role } from './roles';

const ORG = '6f1c2d3e-0000-4000-8000-000000000001';
const OTHER_ORG = '9a8b7c6d-0000-4000-8000-000000000002';

function principal(roles: Role[], organisationId: string | null = ORG): Principal {
  return { userId: 'user-1', organisationId, roles: new Set(roles), token: 't', expiresAt: new Date(Date.now() + 60_000) };
}

function forbidden(run: () => void): ForbiddenError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ForbiddenError);
    return error as ForbiddenError;
  }
  throw new Error('expected a ForbiddenError');
}

describe('hasRole', () => {
  it('is true when the principal holds any of the roles', () => {
    expect(hasRole(principal(['member', 'buyer']), 'org-admin', 'buyer')).toBe(true);
  });

  it('is false when it holds none of them, or when none are asked', () => {
    expect(hasRole(principal(['member']), 'org-admin', 'operator')).toBe(false);
    expect(hasRole(principal(['member']))).toBe(false);
  });
});

describe('assertSameOrganisation', () => {
  it('passes for the own organisation', () => {
    expect(() => assertSameOrganisation(principal(['member']), ORG, `site 42`)).not.toThrow();
  });

  it('refuses another organisation with FORBIDDEN_OTHER_ORGANISATION', () => {
    const error = forbidden(() => assertSameOrganisation(principal(['org-admin']), OTHER_ORG, `organisation ${OTHER_ORG}`));
    expect(error.code).toBe('FORBIDDEN_OTHER_ORGANISATION');
    expect(error.message).toBe(`organisation ${OTHER_ORG} belongs to another organisation; you may only change your own`);
  });

  it('refuses a principal without organisation', () => {
    const error = forbidden(() => assertSameOrganisation(principal(['member'], null), ORG, 'site 42'));
    expect(error.code).toBe('FORBIDDEN_OTHER_ORGANISATION');
  });

  it('lets an operator moderate any organisation, unless the bypass is turned off', () => {
    expect(() => assertSameOrganisation(principal(['operator'], null), OTHER_ORG, 'site 42')).not.toThrow();
    const error = forbidden(() =>
      assertSameOrganisation(principal(['operator']), OTHER_ORG, 'bid 7', { operatorBypass: false }),
    );
    expect(error.code).toBe('FORBIDDEN_OTHER_ORGANISATION');
  });
});
