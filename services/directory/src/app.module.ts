import { ApolloFederationDriver, type ApolloFederationDriverConfig } from '@nestjs/apollo';
import { Logger, Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER, APP_PIPE } from '@nestjs/core';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { GraphQLModule } from '@nestjs/graphql';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuthModule } from '@rim/auth';
import { MessagingModule, MessagingTables1763900000000, messagingEntities } from '@rim/messaging';
import { serviceDataSourceOptions } from '@rim/persistence';
import { ClientErrorFilter, inputValidationPipe, maskInternalErrors } from '@rim/service-kit';
import type { DirectoryConfig } from './directory.config';
import { Organisations1763900000100 } from './migrations/1763900000100-organisations';
import { Organisation } from './organisations/organisation.entity';
import { OrganisationsModule } from './organisations/organisations.module';
import { HealthController } from './health/health.controller';

@Module({})
export class AppModule {
  static forRoot(config: DirectoryConfig): DynamicModule {
    const logger = new Logger('GraphQL');
    return {
      module: AppModule,
      imports: [
        TypeOrmModule.forRoot({
          ...serviceDataSourceOptions({
            url: config.DIRECTORY_DATABASE_URL,
            entities: [Organisation, ...messagingEntities],
            migrations: [MessagingTables1763900000000, Organisations1763900000100],
            applicationName: 'directory',
          }),
          migrationsRun: true,
        }),
        MessagingModule.forRoot({ service: 'directory', brokers: config.KAFKA_BROKERS }),
        AuthModule.forRoot({ issuer: config.OIDC_ISSUER, audience: config.OIDC_AUDIENCE }),
        GraphQLModule.forRoot<ApolloFederationDriverConfig>({
          driver: ApolloFederationDriver,
          path: '/graphql',
          autoSchemaFile: { federation: 2 },
          sortSchema: true,
          playground: false,
          // Traces are for Apollo's hosted studio, which a sovereign deployment does not use.
          plugins: [ApolloServerPluginInlineTraceDisabled()],
          introspection: config.NODE_ENV !== 'production',
          includeStacktraceInErrorResponses: false,
          context: ({ req }: { req: unknown }) => ({ req }),
          formatError: maskInternalErrors((ref, e) => logger.error(`${ref}: ${(e as Error)?.stack ?? e}`)),
        }),
        OrganisationsModule,
      ],
      controllers: [HealthController],
      providers: [
        { provide: APP_PIPE, useFactory: inputValidationPipe },
        { provide: APP_FILTER, useClass: ClientErrorFilter },
      ],
    };
  }
}
