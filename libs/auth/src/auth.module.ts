import { Module, type DynamicModule, type ModuleMetadata, type Provider } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';

import { AuthErrorFilter } from './auth-error.filter';
import type { AuthModuleOptions } from './auth-module-options';
import { AUTH_OPTIONS } from './auth.constants';
import { GqlAuthGuard } from './gql-auth.guard';
import { TokenVerifier } from './token-verifier';

/**
 * Options of `AuthModule.forRootAsync`, to build the options from the service's config object.
 *
 * @example
 * ```ts
 * AuthModule.forRootAsync({
 *   inject: [DirectoryConfig],
 *   useFactory: (config: DirectoryConfig) => ({ issuer: config.keycloakIssuer, audience: 'marketplace-api' }),
 * });
 * ```
 */
export interface AuthModuleAsyncOptions extends Pick<ModuleMetadata, 'imports'> {
  inject?: NonNullable<Extract<Provider, { useFactory: unknown }>['inject']>;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- Nest's own factory signature
  useFactory: (...args: any[]) => AuthModuleOptions | Promise<AuthModuleOptions>;
}

/**
 * Authentication for a NestJS GraphQL subgraph (or HTTP service): a global module providing
 * {@link TokenVerifier}, the global {@link GqlAuthGuard} (every resolver needs a valid Keycloak
 * access token unless `@Public()`), and the {@link AuthErrorFilter}.
 *
 * Why not `keycloak-connect`: the adapter is deprecated upstream and unmaintained, and
 * `nest-keycloak-connect` refuses NestJS 11. Verifying the realm's JWKS with `jose` is all a
 * resource server needs.
 *
 * The GraphQL context must expose the request: `context: ({ req }) => ({ req })`.
 *
 * @example
 * ```ts
 * @Module({
 *   imports: [
 *     AuthModule.forRoot({
 *       issuer: 'http://127.0.0.1:8080/realms/marketplace',
 *       audience: 'marketplace-api',
 *       publicOperations: ['GET /health'],
 *     }),
 *   ],
 * })
 * export class AppModule {}
 * ```
 */
@Module({})
export class AuthModule {
  static forRoot(options: AuthModuleOptions): DynamicModule {
    return AuthModule.build([{ provide: AUTH_OPTIONS, useValue: options }]);
  }

  static forRootAsync(options: AuthModuleAsyncOptions): DynamicModule {
    return {
      ...AuthModule.build([{ provide: AUTH_OPTIONS, useFactory: options.useFactory, inject: options.inject ?? [] }]),
      imports: options.imports ?? [],
    };
  }

  private static build(optionsProviders: Provider[]): DynamicModule {
    return {
      global: true,
      module: AuthModule,
      providers: [
        ...optionsProviders,
        { provide: TokenVerifier, useFactory: (options: AuthModuleOptions) => new TokenVerifier(options), inject: [AUTH_OPTIONS] },
        GqlAuthGuard,
        { provide: APP_GUARD, useExisting: GqlAuthGuard },
        { provide: APP_FILTER, useClass: AuthErrorFilter },
      ],
      exports: [AUTH_OPTIONS, TokenVerifier, GqlAuthGuard],
    };
  }
}
