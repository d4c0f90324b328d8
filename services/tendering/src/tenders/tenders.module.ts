import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { TenderTransitions } from './tender-transitions';
import { TendersResolver } from './tenders.resolver';
import { TendersService } from './tenders.service';

/** Calls for tenders and their lots, questions and status moves (the deadline sweep among them). */
@Module({
  imports: [AuditModule],
  providers: [TenderTransitions, TendersService, TendersResolver],
  exports: [TendersService, TenderTransitions],
})
export class TendersModule {}
