/**
 * mulberry32 (Tommy Ettinger's 32-bit generator): small, fast and well distributed; enough for
 * reproducible synthetic data, not for anything secret. The same seed gives the same sequence on
 * every run and every machine, which is what the seeded demo territory, the tests that read it and
 * the benches rely on: changing this function changes the territory.
 *
 * @example
 * const random = mulberry32(42);
 * random(); // 0.6011037519201636, then 0.44829055899754167, ... (floats in [0, 1))
 */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
