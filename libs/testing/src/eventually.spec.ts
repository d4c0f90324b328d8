import { eventually } from './eventually';

/** A read that gives the values in turn, then the last one for ever. */
const sequence = <T>(...values: T[]) => {
  let i = 0;
  return jest.fn(async () => values[Math.min(i++, values.length - 1)]);
};

describe('eventually', () => {
  it('returns the first value that is awaited (truthy by default), reading no further', async () => {
    const read = sequence<unknown>(undefined, 0, { id: 'a' }, { id: 'b' });
    await expect(eventually('a row', read, { everyMs: 1 })).resolves.toEqual({ id: 'a' });
    expect(read).toHaveBeenCalledTimes(3);
  });

  it('waits for the condition given, not for truthiness', async () => {
    const read = sequence(1, 2, 3, 4);
    await expect(eventually('three', read, { until: (n) => n >= 3, everyMs: 1 })).resolves.toBe(3);
  });

  it('fails when the time is up, naming what it awaited and the last value read', async () => {
    const read = sequence({ status: 503, body: { kafka: 'down' } });
    await expect(eventually('the broker to answer', read, { until: (r) => r.status === 200, timeoutMs: 50, everyMs: 5 })).rejects.toThrow(
      "timed out after 50 ms waiting for the broker to answer; last value: { status: 503, body: { kafka: 'down' } }",
    );
    expect(read.mock.calls.length).toBeGreaterThan(1);
  });

  it("with onTimeout 'return-last', gives the last value instead of failing (for negative controls)", async () => {
    const read = sequence(0);
    await expect(eventually('the good event', read, { until: (n) => n === 1, timeoutMs: 30, everyMs: 5, onTimeout: 'return-last' })).resolves.toBe(0);
  });

  it('stops at once on an error of the read, without waiting the time out', async () => {
    const read = jest.fn(async () => {
      throw new Error('relation "known_site" does not exist');
    });
    await expect(eventually('the site', read, { timeoutMs: 60_000 })).rejects.toThrow('relation "known_site" does not exist');
    expect(read).toHaveBeenCalledTimes(1);
  });
});
