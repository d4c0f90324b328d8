/** Postgres returns numeric and bigint columns as strings; these read them back as numbers. */
export const num = (v: unknown): number => Number(v);
export const numOrNull = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));
