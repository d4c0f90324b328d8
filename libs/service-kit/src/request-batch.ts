/**
 * Per-request batching of lookups by key, the DataLoader idea without the package: every `load`
 * made for one GraphQL request (one context object) before the event loop turns is answered by a
 * single call of `fetch` with all their keys. Reference resolvers and entity fields use it so a
 * list of 50 entities costs one SQL statement, not 50 (issue 13).
 *
 * @example
 * const assets = await requestBatch(gqlContext, 'assetsOf', (ids: string[]) => service.byOrganisations(ids))
 *   .load(organisation.id);
 */
export interface RequestBatch<K, V> {
  load(key: K): Promise<V | undefined>;
}

const batchesByContext = new WeakMap<object, Map<string, RequestBatch<unknown, unknown>>>();

export function requestBatch<K, V>(
  context: object,
  name: string,
  fetch: (keys: K[]) => Promise<Map<K, V>>,
): RequestBatch<K, V> {
  let batches = batchesByContext.get(context);
  if (!batches) {
    batches = new Map();
    batchesByContext.set(context, batches);
  }
  const existing = batches.get(name);
  if (existing) return existing as RequestBatch<K, V>;
  const batch = newBatch(fetch);
  batches.set(name, batch as RequestBatch<unknown, unknown>);
  return batch;
}

function newBatch<K, V>(fetch: (keys: K[]) => Promise<Map<K, V>>): RequestBatch<K, V> {
  const answers = new Map<K, Promise<V | undefined>>();
  let pending: { key: K; resolve: (v: V | undefined) => void; reject: (e: unknown) => void }[] = [];
  const flush = async () => {
    const waiting = pending;
    pending = [];
    try {
      const found = await fetch([...new Set(waiting.map((w) => w.key))]);
      for (const w of waiting) w.resolve(found.get(w.key));
    } catch (error) {
      for (const w of waiting) w.reject(error);
    }
  };
  return {
    load(key: K) {
      const known = answers.get(key);
      if (known) return known;
      const answer = new Promise<V | undefined>((resolve, reject) => {
        // setImmediate, not a microtask: Nest's guards and interceptors put a few promise hops
        // between graphql-js calling the resolvers of a list and the resolver body running.
        if (pending.length === 0) setImmediate(() => void flush());
        pending.push({ key, resolve, reject });
      });
      answers.set(key, answer);
      return answer;
    },
  };
}

/** Groups rows by a key, every asked key present (empty list when nothing matched). */
export function groupBy<K, R>(keys: K[], rows: R[], keyOf: (row: R) => K): Map<K, R[]> {
  const groups = new Map<K, R[]>(keys.map((k) => [k, []]));
  for (const row of rows) groups.get(keyOf(row))?.push(row);
  return groups;
}
