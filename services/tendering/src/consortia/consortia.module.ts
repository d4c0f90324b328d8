import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { ConsortiaResolver } from './consortia.resolver';
import { ConsortiaService } from './consortia.service';

/** Groupements answering a call together: members, form, shares of each lot and guarantee carriers. */
@Module({
  imports: [AuditModule],
  providers: [ConsortiaService, ConsortiaResolver],
})
export class ConsortiaModule {}
