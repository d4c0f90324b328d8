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
import type { BookingConfig } from './booking.config';
import { BookingModule } from './booking.module';
import { bookingEntities } from './entities';
import { HealthController } from './health/health.controller';
import { Booking1763900001000 } from './migrations/1763900001000-booking';
import { OrganisationRegisteredHandler } from './organisations/handlers/organisation-registered.handler';
import { SiteAddedHandler } from './organisations/handlers/site-added.handler';

@Module({})
export class AppModule {
  static forRoot(config: BookingConfig): DynamicModule {
    const logger = new Logger('GraphQL');
    return {
      module: AppModule,
      imports: [
        TypeOrmModule.forRoot({
          ...serviceDataSourceOptions({
            url: config.BOOKING_DATABASE_URL,
            entities: [...bookingEntities, ...messagingEntities],
            migrations: [MessagingTables1763900000000, Booking1763900001000],
            applicationName: 'booking',
            poolSize: config.BOOKING_DB_POOL_SIZE,
          }),
          // Under contention most failed queries are expected exclusion violations (23P01), which
          // the service turns into CONFLICT answers; unexpected ones are logged by formatError.
          logging: false,
          migrationsRun: true,
        }),
        MessagingModule.forRoot({
          service: 'booking',
          brokers: config.KAFKA_BROKERS,
          handlers: [OrganisationRegisteredHandler, SiteAddedHandler],
        }),
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
        BookingModule,
      ],
      controllers: [HealthController],
      providers: [
        { provide: APP_PIPE, useFactory: inputValidationPipe },
        { provide: APP_FILTER, useClass: ClientErrorFilter },
      ],
    };
  }
}
