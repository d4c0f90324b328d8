import { registerEnumType } from '@nestjs/graphql';

export enum BookingStatus {
  REQUESTED = 'REQUESTED',
  CONFIRMED = 'CONFIRMED',
  CANCELLED = 'CANCELLED',
  COMPLETED = 'COMPLETED',
  HELD = 'HELD',
  RELEASED = 'RELEASED',
  EXPIRED = 'EXPIRED',
}
registerEnumType(BookingStatus, {
  name: 'BookingStatus',
  description: 'REQUESTED (awaiting owner approval), CONFIRMED, CANCELLED or COMPLETED; HELD, RELEASED or EXPIRED for machine time held for a bid (decision 0111).',
});

export enum WaitlistStatus {
  WAITING = 'WAITING',
  CONFIRMED = 'CONFIRMED',
  WITHDRAWN = 'WITHDRAWN',
}
registerEnumType(WaitlistStatus, { name: 'WaitlistStatus' });
