import { Global, Module, type DynamicModule } from '@nestjs/common';
import { AreasModule } from './areas/areas.module';
import type { AtlasConfig } from './atlas.config';
import { IndicatorsModule } from './indicators/indicators.module';
import { MapModule } from './map/map.module';
import { ATLAS_OPTIONS, type AtlasOptions } from './model/publisher';
import { ReadModelModule } from './model/read-model.module';

/**
 * The rooms of the atlas, one module each, and the options made from the configuration. Those are
 * global so that every area module stays static (no `forRoot` of its own). The order of the imports
 * is the order of the Query fields in schema.graphql.
 */
@Global()
@Module({})
export class AtlasModule {
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
      imports: [ReadModelModule, IndicatorsModule, AreasModule, MapModule],
      providers: [{ provide: ATLAS_OPTIONS, useValue: options }],
      exports: [ATLAS_OPTIONS],
    };
  }
}
