import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

/** AES-256-GCM output: the random 96-bit IV, the 128-bit tag and the ciphertext. */
export interface Sealed {
  iv: Buffer;
  authTag: Buffer;
  ciphertext: Buffer;
}

/** A bid as stored: its content under a fresh data key, and that key wrapped by the tender's key. */
export interface SealedBid {
  content: Sealed;
  wrappedKey: Sealed;
  /** Hex SHA-256 over everything stored for the bid: the receipt the bidder keeps. */
  sha256: string;
}

function seal(key: Buffer, plaintext: Buffer, aad: string): Sealed {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(aad, 'utf8'));
  const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return { iv, authTag: cipher.getAuthTag(), ciphertext };
}

function open(key: Buffer, sealed: Sealed, aad: string): Buffer {
  const decipher = createDecipheriv('aes-256-gcm', key, sealed.iv);
  decipher.setAAD(Buffer.from(aad, 'utf8'));
  decipher.setAuthTag(sealed.authTag);
  return Buffer.concat([decipher.update(sealed.ciphertext), decipher.final()]);
}

/** A new per-tender key, wrapped by the master key; the tender id is bound in, so a key row cannot be moved to another tender. */
export function newTenderKey(masterKey: Buffer, tenderId: string): { key: Buffer; wrapped: Sealed } {
  const key = randomBytes(32);
  return { key, wrapped: seal(masterKey, key, `tender-key:${tenderId}`) };
}

export function unwrapTenderKey(masterKey: Buffer, tenderId: string, wrapped: Sealed): Buffer {
  return open(masterKey, wrapped, `tender-key:${tenderId}`);
}

/** The receipt: SHA-256 over the ciphertext, its IV and tag, and the wrapped data key, in that order. */
export function sealedDigest(bid: Omit<SealedBid, 'sha256'>): string {
  const h = createHash('sha256');
  for (const part of [bid.content.iv, bid.content.authTag, bid.content.ciphertext, bid.wrappedKey.iv, bid.wrappedKey.authTag, bid.wrappedKey.ciphertext]) {
    h.update(part);
  }
  return h.digest('hex');
}

/**
 * Seals a bid's content: a fresh 256-bit data key encrypts it, the tender key wraps the data key.
 * Bid and tender ids are bound in as associated data, so a ciphertext cannot be replayed as
 * another bid.
 */
export function sealBid(tenderKey: Buffer, tenderId: string, bidId: string, content: unknown): SealedBid {
  const dataKey = randomBytes(32);
  const sealed = {
    content: seal(dataKey, Buffer.from(JSON.stringify(content), 'utf8'), `bid:${tenderId}:${bidId}`),
    wrappedKey: seal(tenderKey, dataKey, `bid-key:${tenderId}:${bidId}`),
  };
  dataKey.fill(0);
  return { ...sealed, sha256: sealedDigest(sealed) };
}

export function openBid<T>(tenderKey: Buffer, tenderId: string, bidId: string, bid: Omit<SealedBid, 'sha256'>): T {
  const dataKey = open(tenderKey, bid.wrappedKey, `bid-key:${tenderId}:${bidId}`);
  try {
    return JSON.parse(open(dataKey, bid.content, `bid:${tenderId}:${bidId}`).toString('utf8')) as T;
  } finally {
    dataKey.fill(0);
  }
}
