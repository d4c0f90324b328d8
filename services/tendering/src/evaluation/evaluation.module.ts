import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { TendersModule } from '../tenders/tenders.module';
import { EvaluationResolver } from './evaluation.resolver';
import { EvaluationService } from './evaluation.service';

/** Opening the bids after the deadline, scoring, award, standstill and contract, and the audit trail's queries. */
@Module({
  imports: [AuditModule, TendersModule],
  providers: [EvaluationService, EvaluationResolver],
})
export class EvaluationModule {}
