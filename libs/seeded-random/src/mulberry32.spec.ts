import { mulberry32 } from './mulberry32';

const take = (random: () => number, n: number) => Array.from({ length: n }, () => random());

describe('mulberry32', () => {
  // Known outputs, taken from the three copies this lib replaced (directory's territory generator,
  // booking's free-slots suite, the logistics-matching bench): the seeded demo territory depends on them.
  it('gives the known sequence for seed 42', () => {
    expect(take(mulberry32(42), 5)).toEqual([0.6011037519201636, 0.44829055899754167, 0.8524657934904099, 0.6697340414393693, 0.17481389874592423]);
  });

  it('gives the known sequence for seeds 0 and 20260101', () => {
    expect(take(mulberry32(0), 3)).toEqual([0.26642920868471265, 0.0003297457005828619, 0.2232720274478197]);
    expect(take(mulberry32(20260101), 3)).toEqual([0.2559139896184206, 0.5929048631805927, 0.8053383126389235]);
  });

  it('reads the seed as an unsigned 32-bit integer: -1 is 2^32 - 1, 2^32 + 42 is 42', () => {
    expect(take(mulberry32(-1), 2)).toEqual([0.8964226141106337, 0.189478256739676]);
    expect(take(mulberry32(2 ** 32 + 42), 5)).toEqual(take(mulberry32(42), 5));
  });

  it('repeats itself for one seed and differs between seeds; every value is in [0, 1)', () => {
    const a = take(mulberry32(7), 1000);
    expect(take(mulberry32(7), 1000)).toEqual(a);
    expect(take(mulberry32(8), 1000)).not.toEqual(a);
    expect(a.every((x) => x >= 0 && x < 1)).toBe(true);
    expect(new Set(a).size).toBe(1000);
  });
});
