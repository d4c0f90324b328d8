import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { entryHash, GENESIS_HASH, verifyChain, type ChainVerdict, type StoredAuditRecord } from './audit-chain';

interface AuditRow {
  tender_id: string;
  position: number;
  at: Date;
  actor: string;
  action: string;
  detail: Record<string, unknown>;
  prev_hash: string;
  hash: string;
}

function record(r: AuditRow): StoredAuditRecord {
  return { tenderId: r.tender_id, position: r.position, at: r.at, actor: r.actor, action: r.action, detail: r.detail, prevHash: r.prev_hash, hash: r.hash };
}

/**
 * The tender's append-only, hash-chained trail. Appends happen in the caller's transaction, so an
 * entry exists if and only if the change it records committed. One tender's appends are
 * serialised by a transaction-scoped advisory lock, so two concurrent changes never fork the chain.
 */
@Injectable()
export class AuditTrail {
  async append(tx: EntityManager, tenderId: string, actor: string, action: string, detail: Record<string, unknown>): Promise<string> {
    await tx.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 110))`, [tenderId]);
    const [last] = (await tx.query(`SELECT position, hash FROM audit_entry WHERE tender_id = $1 ORDER BY position DESC LIMIT 1`, [tenderId])) as Array<{ position: number; hash: string }>;
    const position = (last?.position ?? 0) + 1;
    const prevHash = last?.hash ?? GENESIS_HASH;
    // Millisecond precision: what a JS Date holds, so the hash recomputes from the stored row.
    const at = new Date();
    const hash = entryHash(prevHash, { tenderId, position, at, actor, action, detail });
    await tx.query(
      `INSERT INTO audit_entry (tender_id, position, at, actor, action, detail, prev_hash, hash) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [tenderId, position, at, actor, action, JSON.stringify(detail), prevHash, hash],
    );
    return hash;
  }

  async entries(q: Pick<EntityManager, 'query'>, tenderId: string): Promise<StoredAuditRecord[]> {
    const rows = (await q.query(
      `SELECT tender_id, position, at, actor, action, detail, prev_hash, hash FROM audit_entry WHERE tender_id = $1 ORDER BY position`,
      [tenderId],
    )) as AuditRow[];
    return rows.map(record);
  }

  async verify(q: Pick<EntityManager, 'query'>, tenderId: string): Promise<ChainVerdict> {
    return verifyChain(await this.entries(q, tenderId));
  }
}
