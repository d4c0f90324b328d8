import { Module } from '@nestjs/common';
import { AtlasQuery } from './atlas-query';
import { AtlasPublisher } from './publisher';

/**
 * The read model: the publisher recomputes the indicators from the ingested facts under statistical
 * secrecy, the query reads what it published. The GraphQL resolvers and the map's HTTP API share both.
 */
@Module({
  providers: [AtlasPublisher, AtlasQuery],
  exports: [AtlasPublisher, AtlasQuery],
})
export class ReadModelModule {}
