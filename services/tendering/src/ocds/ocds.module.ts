import { Module } from '@nestjs/common';
import { TendersModule } from '../tenders/tenders.module';
import { OcdsExporter } from './ocds-exporter';
import { OcdsController } from './ocds.controller';
import { OcdsResolver } from './ocds.resolver';

/** Calls as OCDS release packages (GraphQL), and the schemas of our extensions over HTTP. */
@Module({
  imports: [TendersModule],
  controllers: [OcdsController],
  providers: [OcdsExporter, OcdsResolver],
})
export class OcdsModule {}
