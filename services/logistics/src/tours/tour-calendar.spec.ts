import { nextDepartures } from './tour-calendar';

describe('nextDepartures', () => {
  it('lists the tour days at the local departure time (winter: UTC+1)', () => {
    // 2026-11-23 is a Monday.
    const got = nextDepartures([2, 5], '06:30', new Date('2026-11-23T12:00:00Z'), 3);
    expect(got.map((d) => d.toISOString())).toEqual(['2026-11-24T05:30:00.000Z', '2026-11-27T05:30:00.000Z', '2026-12-01T05:30:00.000Z']);
  });

  it('follows summer time (UTC+2) and skips a departure already gone today', () => {
    // 2026-06-01 is a Monday; 06:00 Paris = 04:00 UTC, already past at 10:00 UTC.
    const got = nextDepartures([1], '06:00', new Date('2026-06-01T10:00:00Z'), 2);
    expect(got.map((d) => d.toISOString())).toEqual(['2026-06-08T04:00:00.000Z', '2026-06-15T04:00:00.000Z']);
  });

  it('crosses the change to winter time', () => {
    // Summer time ends on Sunday 2026-10-25.
    const got = nextDepartures([6, 1], '07:00', new Date('2026-10-23T12:00:00Z'), 2);
    expect(got.map((d) => d.toISOString())).toEqual(['2026-10-24T05:00:00.000Z', '2026-10-26T06:00:00.000Z']);
  });
});
