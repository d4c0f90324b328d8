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
import { ProfileSitesCapabilities1763900000200 } from './migrations/1763900000200-profile-sites-capabilities';
import { Capability } from './capabilities/capability.entity';
import { SpareCapacity } from './capacity/spare-capacity.entity';
import { OriginLabel } from './labels/label.entity';
import { Organisation } from './organisations/organisation.entity';
import { PartnerAccess } from './organisations/partner-access.entity';
import { SearchModule } from './search/search.module';
import { Site } from './sites/site.entity';
import { SitesModule } from './sites/sites.module';
import { DemoSeeder } from './seed/demo-seeder';
import { DIRECTORY_CONFIG } from './directory.tokens';
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
            entities: [Organisation, PartnerAccess, Site, Capability, OriginLabel, SpareCapacity, ...messagingEntities],
            migrations: [MessagingTables1763900000000, Organisations1763900000100, ProfileSitesCapabilities1763900000200],
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
        SitesModule,
        SearchModule,
      ],
      controllers: [HealthController],
      providers: [
        { provide: APP_PIPE, useFactory: inputValidationPipe },
        { provide: APP_FILTER, useClass: ClientErrorFilter },
        { provide: DIRECTORY_CONFIG, useValue: config },
        DemoSeeder,
      ],
    };
  }
}
