import { TenderStatus as WireStatus } from '@rim/contracts';

export type TenderStatusName = 'DRAFT' | 'OPEN' | 'CLOSED' | 'EVALUATION' | 'AWARDED' | 'CONTRACTED' | 'CANCELLED' | 'UNSUCCESSFUL';

/** Every transition the service makes; anything else is refused. */
export const TRANSITIONS: Record<TenderStatusName, TenderStatusName[]> = {
  DRAFT: ['OPEN', 'CANCELLED'],
  OPEN: ['CLOSED', 'CANCELLED'],
  CLOSED: ['EVALUATION', 'CANCELLED', 'UNSUCCESSFUL'],
  EVALUATION: ['AWARDED', 'CANCELLED', 'UNSUCCESSFUL'],
  AWARDED: ['CONTRACTED'],
  CONTRACTED: [],
  CANCELLED: [],
  UNSUCCESSFUL: [],
};

export function canMove(from: TenderStatusName, to: TenderStatusName): boolean {
  return TRANSITIONS[from].includes(to);
}

export function wireStatus(s: TenderStatusName): WireStatus {
  return WireStatus[s];
}

export type LotStatusName = 'OPEN' | 'AWARDED' | 'CONTRACTED' | 'UNSUCCESSFUL' | 'CANCELLED';

/**
 * Where the tender goes once its lots are decided: AWARDED when every lot is awarded or
 * unsuccessful (at least one awarded), UNSUCCESSFUL when none could be, CONTRACTED when every
 * awarded lot is contracted; null while some lot is still open.
 */
export function statusFromLots(lots: LotStatusName[]): TenderStatusName | null {
  if (lots.some((l) => l === 'OPEN')) return null;
  if (lots.every((l) => l === 'UNSUCCESSFUL')) return 'UNSUCCESSFUL';
  if (lots.every((l) => l === 'CONTRACTED' || l === 'UNSUCCESSFUL')) return 'CONTRACTED';
  return 'AWARDED';
}
