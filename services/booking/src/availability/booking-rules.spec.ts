import { slotProblems, type SlotRules } from './booking-rules';
import { bookingPriceCents, checkQuota, PriceModel } from './pricing';

const t = (s: string) => Date.parse(s);
const rules: SlotRules = {
  openingHours: [1, 2, 3, 4, 5].map((day) => ({ day, opens: '08:00', closes: '18:00' })),
  timezone: 'Europe/Paris',
  minBookingMinutes: 60,
  maxBookingMinutes: 240,
  minNoticeMinutes: 24 * 60,
};
const now = t('2026-01-12T07:00:00Z'); // Monday 08:00 in Paris

describe('slot rules', () => {
  it('accepts a slot inside opening hours with enough notice', () => {
    expect(slotProblems(rules, { start: t('2026-01-14T08:00:00Z'), end: t('2026-01-14T10:00:00Z') }, now, [])).toEqual([]);
  });

  it('refuses too short, too long, too late and outside opening hours, saying why', () => {
    const reasons = (s: string, e: string) =>
      slotProblems(rules, { start: t(s), end: t(e) }, now, []).map((p) => p.reason).join(' | ');
    expect(reasons('2026-01-14T08:00:00Z', '2026-01-14T08:30:00Z')).toContain('too short: 30 min');
    expect(reasons('2026-01-14T08:00:00Z', '2026-01-14T13:00:00Z')).toContain('too long: 300 min');
    expect(reasons('2026-01-12T09:00:00Z', '2026-01-12T10:00:00Z')).toContain('too late notice');
    expect(reasons('2026-01-14T16:00:00Z', '2026-01-14T18:00:00Z')).toContain('outside opening hours (Mon 08:00-18:00');
    expect(reasons('2026-01-17T09:00:00Z', '2026-01-17T10:00:00Z')).toContain('outside opening hours'); // Saturday
  });

  it('refuses a slot during a maintenance blackout, naming it', () => {
    const problems = slotProblems(rules, { start: t('2026-01-14T08:00:00Z'), end: t('2026-01-14T10:00:00Z') }, now, [
      { start: t('2026-01-14T09:00:00Z'), end: t('2026-01-14T12:00:00Z'), reason: 'laser tube replacement' },
    ]);
    expect(problems.map((p) => p.reason)).toEqual([expect.stringContaining('closed from 2026-01-14T09:00:00.000Z to 2026-01-14T12:00:00.000Z: laser tube replacement')]);
  });
});

describe('pricing and quota', () => {
  it('accepts hours within the monthly quota and refuses beyond it, with the figures', () => {
    expect(checkQuota('Maker', 10, 6, 4)).toMatchObject({ ok: true, remainingHours: 0 });
    const refused = checkQuota('Maker', 10, 8, 3);
    expect(refused.ok).toBe(false);
    expect(refused.reason).toBe('beyond plan quota: plan "Maker" includes 10 h a month, 8 h already booked, 2 h left, 3 h requested');
  });

  it('bills hourly assets by the hour, and nothing extra under a subscription or a lease', () => {
    expect(bookingPriceCents(PriceModel.HOURLY, 1.5, 1500)).toBe(2250);
    expect(bookingPriceCents(PriceModel.SUBSCRIPTION, 3, null)).toBe(0);
    expect(bookingPriceCents(PriceModel.LEASE, 3, null)).toBe(0);
  });
});
