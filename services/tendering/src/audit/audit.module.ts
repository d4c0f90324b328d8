import { Module } from '@nestjs/common';
import { AuditTrail } from './audit-trail';

/** The hash-chained audit trail every step of a call is written to, in the step's own transaction. */
@Module({
  providers: [AuditTrail],
  exports: [AuditTrail],
})
export class AuditModule {}
