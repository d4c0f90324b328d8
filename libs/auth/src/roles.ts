/**
 * The realm roles of the `marketplace` realm that the platform understands. Any other role found in
 * a token (Keycloak's `offline_access`, `uma_authorization`, `default-roles-marketplace`, …) is
 * ignored.
 *
 * @example
 * ```ts
 * ROLES.includes('buyer'); // true
 * ```
 */
export const ROLES = ['member', 'org-admin', 'buyer', 'carrier', 'authority', 'operator'] as const;

/**
 * One of {@link ROLES}.
 *
 * @example
 * ```ts
 * const required: Role[] = ['org-admin', 'operator'];
 * ```
 */
export type Role = (typeof ROLES)[number];

const KNOWN_ROLES: ReadonlySet<string> = new Set(ROLES);

/**
 * Narrows an arbitrary value to a {@link Role}.
 *
 * @example
 * ```ts
 * const roles = claimValues.filter(isRole); // Role[]
 * ```
 */
export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && KNOWN_ROLES.has(value);
}
