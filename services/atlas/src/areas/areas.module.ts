import { Module } from '@nestjs/common';
import { ReadModelModule } from '../model/read-model.module';
import { AreasResolver } from './areas.resolver';

/** `atlasArea` of the one graph, with its mixes, gaps and history. */
@Module({
  imports: [ReadModelModule],
  providers: [AreasResolver],
})
export class AreasModule {}
