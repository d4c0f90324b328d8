import { earliestFreeStart, processCodeForBooking } from './hold-window';

const H = 3_600_000;

describe('earliestFreeStart', () => {
  it('takes the window start when nothing is busy', () => {
    expect(earliestFreeStart({ start: 0, end: 10 * H }, 4 * H, [])).toBe(0);
  });

  it('starts after a busy span that overlaps the first candidate', () => {
    expect(earliestFreeStart({ start: 0, end: 10 * H }, 4 * H, [{ start: 2 * H, end: 3 * H }])).toBe(3 * H);
  });

  it('skips a gap too short for the block', () => {
    const busy = [{ start: 1 * H, end: 2 * H }, { start: 4 * H, end: 5 * H }];
    expect(earliestFreeStart({ start: 0, end: 10 * H }, 3 * H, busy)).toBe(5 * H);
  });

  it('answers null when the block does not fit before the window ends', () => {
    expect(earliestFreeStart({ start: 0, end: 10 * H }, 4 * H, [{ start: 3 * H, end: 7 * H }])).toBeNull();
    expect(earliestFreeStart({ start: 0, end: 3 * H }, 4 * H, [])).toBeNull();
  });

  it('ignores busy spans that end before the window', () => {
    expect(earliestFreeStart({ start: 10 * H, end: 20 * H }, 2 * H, [{ start: 0, end: 5 * H }])).toBe(10 * H);
  });
});

describe('processCodeForBooking', () => {
  it('maps the taxonomy spelling to booking\'s', () => {
    expect(processCodeForBooking('laser-cutting')).toBe('LASER_CUTTING');
    expect(processCodeForBooking('cnc-milling')).toBe('CNC_MILLING');
  });
});
