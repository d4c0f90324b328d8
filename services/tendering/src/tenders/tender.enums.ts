import { registerEnumType } from '@nestjs/graphql';

export enum TenderStatus {
  DRAFT = 'DRAFT',
  OPEN = 'OPEN',
  CLOSED = 'CLOSED',
  EVALUATION = 'EVALUATION',
  AWARDED = 'AWARDED',
  CONTRACTED = 'CONTRACTED',
  CANCELLED = 'CANCELLED',
  UNSUCCESSFUL = 'UNSUCCESSFUL',
}
registerEnumType(TenderStatus, {
  name: 'TenderStatus',
  description: 'DRAFT -> OPEN -> CLOSED (at the deadline, by the service) -> EVALUATION -> AWARDED -> CONTRACTED, or CANCELLED / UNSUCCESSFUL.',
});

export enum LotStatus {
  OPEN = 'OPEN',
  AWARDED = 'AWARDED',
  CONTRACTED = 'CONTRACTED',
  UNSUCCESSFUL = 'UNSUCCESSFUL',
  CANCELLED = 'CANCELLED',
}
registerEnumType(LotStatus, { name: 'LotStatus' });
