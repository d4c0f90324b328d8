import { Module } from '@nestjs/common';
import { ReadModelModule } from '../model/read-model.module';
import { IndicatorsResolver } from './indicators.resolver';

/** `atlasIndicators` and `atlasValues` of the one graph. */
@Module({
  imports: [ReadModelModule],
  providers: [IndicatorsResolver],
})
export class IndicatorsModule {}
