import { Module, type MiddlewareConsumer, type NestModule } from '@nestjs/common';
import { ReadModelModule } from '../model/read-model.module';
import { AtlasCorsMiddleware } from './cors.middleware';
import { MapController } from './map.controller';

/** The atlas over plain HTTP for the portal's map page (GeoJSON, flows, CSV, the change stream), with its CORS. */
@Module({
  imports: [ReadModelModule],
  controllers: [MapController],
})
export class MapModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(AtlasCorsMiddleware).forRoutes('*');
  }
}
