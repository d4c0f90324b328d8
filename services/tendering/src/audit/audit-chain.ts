import { createHash } from 'node:crypto';

/** The hash the first entry of every tender's chain points back to. */
export const GENESIS_HASH = '0'.repeat(64);

/** One entry of a tender's audit trail, as hashed. */
export interface AuditRecord {
  tenderId: string;
  position: number;
  at: Date;
  actor: string;
  action: string;
  detail: Record<string, unknown>;
}

/** JSON with object keys sorted at every depth: jsonb does not keep the order they were written in. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

/** SHA-256 of the previous entry's hash and this entry's every field: changing any of them breaks the chain from there. */
export function entryHash(prevHash: string, record: AuditRecord): string {
  return createHash('sha256')
    .update(prevHash)
    .update('\n')
    .update(canonicalJson([record.tenderId, record.position, record.at.toISOString(), record.actor, record.action, record.detail]))
    .digest('hex');
}

export interface StoredAuditRecord extends AuditRecord {
  prevHash: string;
  hash: string;
}

export interface ChainVerdict {
  valid: boolean;
  entries: number;
  /** Position of the first entry that does not hold, or null. */
  brokenAt: number | null;
  reason: string | null;
  headHash: string;
}

/** Walks a tender's entries in position order and names the first one whose link or content does not hold. */
export function verifyChain(records: StoredAuditRecord[]): ChainVerdict {
  let prev = GENESIS_HASH;
  for (let i = 0; i < records.length; i++) {
    const r = records[i];
    const fail = (reason: string): ChainVerdict => ({ valid: false, entries: records.length, brokenAt: r.position, reason, headHash: prev });
    if (r.position !== i + 1) return fail(`entry ${i + 1} is missing (found position ${r.position})`);
    if (r.prevHash !== prev) return fail(`entry ${r.position} does not point to the hash of entry ${r.position - 1}`);
    if (entryHash(prev, r) !== r.hash) return fail(`entry ${r.position} (${r.action}) was changed after it was written: its hash does not match its content`);
    prev = r.hash;
  }
  return { valid: true, entries: records.length, brokenAt: null, reason: null, headHash: prev };
}
