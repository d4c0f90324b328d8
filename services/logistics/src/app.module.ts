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
import type { LogisticsConfig } from './logistics.config';
import { TripsShipmentsOffers1764100000100 } from './migrations/1764100000100-trips-shipments-offers';
import { LogisticsModule } from './logistics.module';
import { Offer, ShipmentRequest } from './shipments/shipment.entity';
import { Trip } from './trips/trip.entity';
import { HealthController } from './health/health.controller';

@Module({})
export class AppModule {
  static forRoot(config: LogisticsConfig): DynamicModule {
    const logger = new Logger('GraphQL');
    return {
      module: AppModule,
      imports: [
        TypeOrmModule.forRoot({
          ...serviceDataSourceOptions({
            url: config.LOGISTICS_DATABASE_URL,
            entities: [Trip, ShipmentRequest, Offer, ...messagingEntities],
            migrations: [MessagingTables1763900000000, TripsShipmentsOffers1764100000100],
            applicationName: 'logistics',
            poolSize: config.LOGISTICS_DB_POOL_SIZE,
          }),
          migrationsRun: true,
        }),
        MessagingModule.forRoot({ service: 'logistics', brokers: config.KAFKA_BROKERS }),
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
        LogisticsModule.forRoot(config),
      ],
      controllers: [HealthController],
      providers: [
        { provide: APP_PIPE, useFactory: inputValidationPipe },
        { provide: APP_FILTER, useClass: ClientErrorFilter },
      ],
    };
  }
}
