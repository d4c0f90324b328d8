import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { ApolloFederationDriver, type ApolloFederationDriverConfig } from '@nestjs/apollo';
import { Logger, type DynamicModule, type Provider } from '@nestjs/common';
import { APP_FILTER, APP_PIPE } from '@nestjs/core';
import { GraphQLModule } from '@nestjs/graphql';
import { AuthModule } from '@rim/auth';
import type { ServiceConfig } from '@rim/config';
import { ClientErrorFilter } from './client-error.filter';
import { maskInternalErrors } from './format-error';
import { OffsetDateTimeScalar } from './offset-date-time.scalar';
import { inputValidationPipe } from './validation.pipe';

const FEDERATION_LINK = 'https://specs.apollo.dev/federation/v2.3';
const FEDERATION_DIRECTIVES = [
  '@composeDirective',
  '@extends',
  '@external',
  '@inaccessible',
  '@interfaceObject',
  '@key',
  '@override',
  '@provides',
  '@requires',
  '@shareable',
  '@tag',
];

/**
 * What makes a Nest service a subgraph of the platform: token checks (AuthModule), the Apollo
 * Federation v2 schema at /graphql with errors masked and introspection off in production. Pair
 * with {@link SUBGRAPH_PROVIDERS} and the HealthController.
 *
 * @example
 * ```ts
 * @Module({
 *   imports: [TypeOrmModule.forRoot(dataSourceOptions), MessagingModule.forRoot(messagingOptions), ...subgraphModules(config), BookingModule],
 *   controllers: [HealthController],
 *   providers: [...SUBGRAPH_PROVIDERS],
 * })
 * class AppModule {}
 * ```
 */
export function subgraphModules(config: ServiceConfig): DynamicModule[] {
  const logger = new Logger('GraphQL');
  return [
    AuthModule.forRoot({ issuer: config.OIDC_ISSUER, audience: config.OIDC_AUDIENCE, jwksUrl: config.OIDC_JWKS_URL }),
    GraphQLModule.forRoot<ApolloFederationDriverConfig>({
      driver: ApolloFederationDriver,
      path: '/graphql',
      // Federation 2.3 and the directives it defines: the highest version the gateway's MIT
      // composition (@theguild/federation-composition) accepts (docs/decisions/0005).
      autoSchemaFile: { federation: { version: 2, importUrl: FEDERATION_LINK, directives: FEDERATION_DIRECTIVES } },
      sortSchema: true,
      playground: false,
      // Traces are for Apollo's hosted studio, which a sovereign deployment does not use.
      plugins: [ApolloServerPluginInlineTraceDisabled()],
      introspection: config.NODE_ENV !== 'production',
      includeStacktraceInErrorResponses: false,
      context: ({ req }: { req: unknown }) => ({ req }),
      formatError: maskInternalErrors((ref, e) => logger.error(`${ref}: ${(e as Error)?.stack ?? e}`)),
    }),
  ];
}

/** Input validation that names each bad field, client errors passed through unlogged, the DateTime scalar. */
export const SUBGRAPH_PROVIDERS: Provider[] = [
  { provide: APP_PIPE, useFactory: inputValidationPipe },
  { provide: APP_FILTER, useClass: ClientErrorFilter },
  // Every Date field and argument is the platform's DateTime: an offset is mandatory.
  OffsetDateTimeScalar,
];
