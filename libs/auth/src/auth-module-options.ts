import type { TokenVerifierOptions } from './token-verifier';

/**
 * Options of `AuthModule.forRoot`: the {@link TokenVerifierOptions} plus operations that need no
 * token.
 *
 * @example
 * ```ts
 * AuthModule.forRoot({
 *   issuer: config.keycloakIssuer,
 *   audience: 'marketplace-api',
 *   publicOperations: ['Query.searchOrganisations', 'GET /health'],
 * });
 * ```
 */
export interface AuthModuleOptions extends TokenVerifierOptions {
  /**
   * Operations open without a token, besides those marked `@Public()`. GraphQL entries are
   * `<ParentType>.<field>` of the resolver (never the client-chosen operation name, which anyone
   * can set); HTTP entries are `<METHOD> <path>`, e.g. `GET /health`.
   */
  publicOperations?: readonly string[];
}
