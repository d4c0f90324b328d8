import { Module, type DynamicModule, type MiddlewareConsumer, type NestModule } from '@nestjs/common';
import type { AtlasConfig } from './atlas.config';
import { AtlasResolver } from './graphql/atlas.resolver';
import { AtlasController } from './http/atlas.controller';
import { AtlasCorsMiddleware } from './http/cors.middleware';
import { AtlasQuery } from './model/atlas-query';
import { ATLAS_OPTIONS, AtlasPublisher, type AtlasOptions } from './model/publisher';

@Module({})
export class AtlasModule implements NestModule {
  static forRoot(config: AtlasConfig): DynamicModule {
    const options: AtlasOptions = {
      refreshMs: config.ATLAS_REFRESH_MS,
      steps: { count: config.ATLAS_COUNT_STEP, hours: config.ATLAS_HOURS_STEP, kg: config.ATLAS_KG_STEP, km: config.ATLAS_KG_STEP, ratio: 0.05, eur: config.ATLAS_EUR_STEP },
      cacheSeconds: config.ATLAS_CACHE_SECONDS,
      heartbeatMs: config.ATLAS_HEARTBEAT_MS,
      corsOrigins: config.ATLAS_CORS_ORIGINS,
    };
    return {
      module: AtlasModule,
      controllers: [AtlasController],
      providers: [{ provide: ATLAS_OPTIONS, useValue: options }, AtlasPublisher, AtlasQuery, AtlasResolver],
      exports: [AtlasPublisher, AtlasQuery],
    };
  }

  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(AtlasCorsMiddleware).forRoutes('*');
  }
}
