import { groupBy, requestBatch } from './request-batch';

describe('requestBatch', () => {
  const fetcher = () => {
    const calls: string[][] = [];
    const fetch = async (keys: string[]) => {
      calls.push(keys);
      return new Map(keys.filter((k) => k !== 'missing').map((k) => [k, k.toUpperCase()]));
    };
    return { calls, fetch };
  };

  it('answers every load of one request made before the loop turns with one fetch, each key once', async () => {
    const { calls, fetch } = fetcher();
    const context = {};
    const loads = ['a', 'b', 'a', 'missing'].map(async (k, i) => {
      for (let hop = 0; hop < i * 3; hop++) await Promise.resolve(); // guards and interceptors in between
      return requestBatch(context, 'byId', fetch).load(k);
    });
    expect(await Promise.all(loads)).toEqual(['A', 'B', 'A', undefined]);
    expect(calls).toEqual([['a', 'b', 'missing']]);
  });

  it('keeps requests apart, and fetches again for keys asked after the first batch ran', async () => {
    const { calls, fetch } = fetcher();
    const one = {};
    await Promise.all([requestBatch(one, 'byId', fetch).load('a'), requestBatch({}, 'byId', fetch).load('a')]);
    expect(calls).toEqual([['a'], ['a']]);
    await requestBatch(one, 'byId', fetch).load('a');
    await requestBatch(one, 'byId', fetch).load('c');
    expect(calls).toEqual([['a'], ['a'], ['c']]);
  });

  it('rejects every waiting load when the fetch fails', async () => {
    const boom = async (): Promise<Map<string, string>> => {
      throw new Error('database down');
    };
    const batch = requestBatch({}, 'byId', boom);
    await expect(Promise.all([batch.load('a'), batch.load('b')])).rejects.toThrow('database down');
  });
});

describe('groupBy', () => {
  it('gives every asked key a list, empty when nothing matched', () => {
    expect(groupBy(['x', 'y'], [{ k: 'x', v: 1 }, { k: 'x', v: 2 }, { k: 'z', v: 3 }], (r) => r.k)).toEqual(
      new Map([['x', [{ k: 'x', v: 1 }, { k: 'x', v: 2 }]], ['y', []]]),
    );
  });
});
