import type { Principal } from '@rim/auth';
import { Visibility } from './organisation.entity';
import { mayRead } from './visibility';

const member = (organisationId: string, roles: string[] = ['member']): Principal =>
  ({ userId: 'u', organisationId, roles: new Set(roles), token: 't', expiresAt: new Date() }) as unknown as Principal;

describe('field visibility', () => {
  it('shows public fields to anyone', () => {
    expect(mayRead(Visibility.PUBLIC, null, 'a', false)).toBe(true);
  });

  it('shows member fields to signed-in users only', () => {
    expect(mayRead(Visibility.MEMBERS, null, 'a', false)).toBe(false);
    expect(mayRead(Visibility.MEMBERS, member('b'), 'a', false)).toBe(true);
  });

  it('shows partner fields to the owner, granted partners and operators only', () => {
    expect(mayRead(Visibility.PARTNERS, member('b'), 'a', false)).toBe(false);
    expect(mayRead(Visibility.PARTNERS, member('a'), 'a', false)).toBe(true);
    expect(mayRead(Visibility.PARTNERS, member('b'), 'a', true)).toBe(true);
    expect(mayRead(Visibility.PARTNERS, member('z', ['operator']), 'a', false)).toBe(true);
    expect(mayRead(Visibility.PARTNERS, null, 'a', true)).toBe(false);
  });
});
