import { slotsOfGap } from './free-slots';

const H = 3_600_000;
const M = 60_000;
const at = (h: number) => Date.UTC(2027, 2, 1) + h * H;

describe('slotsOfGap', () => {
  const rules = { minBookingMinutes: 30, maxBookingMinutes: 240, bufferMinutes: 30 };

  it('cuts a long gap into back-to-back slots of at most the longest booking, each followed by its buffer', () => {
    expect(slotsOfGap({ start: at(8), end: at(18) }, rules, 30)).toEqual([
      { start: at(8), end: at(12) },
      { start: at(12.5), end: at(16.5) },
      { start: at(17), end: at(17.5) },
    ]);
  });

  it('never offers a slot shorter than the asker or the asset allows', () => {
    expect(slotsOfGap({ start: at(8), end: at(18) }, rules, 60)).toEqual([
      { start: at(8), end: at(12) },
      { start: at(12.5), end: at(16.5) },
    ]);
    expect(slotsOfGap({ start: at(8), end: at(9) }, { ...rules, minBookingMinutes: 45 }, 5)).toEqual([]);
  });

  it('offers nothing when the asker wants more than the asset ever lets one book', () => {
    expect(slotsOfGap({ start: at(8), end: at(18) }, rules, 300)).toEqual([]);
  });

  it('keeps the buffer before the end of the gap, so the slot can be booked as offered', () => {
    const [only] = slotsOfGap({ start: at(8), end: at(10) }, { ...rules, bufferMinutes: 15 }, 30);
    expect(only).toEqual({ start: at(8), end: at(10) - 15 * M });
  });
});
