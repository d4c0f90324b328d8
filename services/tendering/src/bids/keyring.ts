import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { newTenderKey, unwrapTenderKey } from './sealing';

export const MASTER_KEY = Symbol('TENDERING_MASTER_KEY');

/**
 * Per-tender keys, in the `keyring` schema apart from the bid rows, each wrapped by the master key
 * that only the service's environment holds. The service unwraps a tender's key for sealing at
 * any time, and for opening only once the deadline has passed (BidsService enforces it).
 */
@Injectable()
export class Keyring {
  constructor(@Inject(MASTER_KEY) private readonly masterKey: Buffer) {}

  async create(tx: EntityManager, tenderId: string): Promise<void> {
    const { key, wrapped } = newTenderKey(this.masterKey, tenderId);
    key.fill(0);
    await tx.query(`INSERT INTO keyring.tender_key (tender_id, wrapped_key, iv, auth_tag) VALUES ($1, $2, $3, $4)`, [
      tenderId, wrapped.ciphertext, wrapped.iv, wrapped.authTag,
    ]);
  }

  async tenderKey(tx: Pick<EntityManager, 'query'>, tenderId: string): Promise<Buffer> {
    const [row] = await tx.query(`SELECT wrapped_key, iv, auth_tag FROM keyring.tender_key WHERE tender_id = $1`, [tenderId]);
    if (!row) throw new Error(`no key for tender ${tenderId}`);
    return unwrapTenderKey(this.masterKey, tenderId, { ciphertext: row.wrapped_key, iv: row.iv, authTag: row.auth_tag });
  }
}
