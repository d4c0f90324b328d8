import { randomBytes } from 'node:crypto';
import { newTenderKey, openBid, sealBid, sealedDigest, unwrapTenderKey } from './sealing';

const TENDER = '11111111-aaaa-4aaa-8aaa-111111111111';
const BID = '22222222-bbbb-4bbb-8bbb-222222222222';
const CONTENT = { lots: [{ lotId: 'x', priceEur: 123456.78, qualityStatement: 'ISO 9001, contrôle 100 %' }] };

describe('bid sealing', () => {
  const master = randomBytes(32);

  it('round-trips through the wrapped tender key', () => {
    const { key, wrapped } = newTenderKey(master, TENDER);
    const sealed = sealBid(key, TENDER, BID, CONTENT);
    expect(openBid(unwrapTenderKey(master, TENDER, wrapped), TENDER, BID, sealed)).toEqual(CONTENT);
  });

  it('stores nothing readable: the price and statement are not in the ciphertext', () => {
    const { key } = newTenderKey(master, TENDER);
    const sealed = sealBid(key, TENDER, BID, CONTENT);
    const bytes = Buffer.concat([sealed.content.ciphertext, sealed.wrappedKey.ciphertext]).toString('latin1');
    expect(bytes).not.toContain('123456');
    expect(bytes).not.toContain('ISO 9001');
  });

  it('the receipt is the SHA-256 of what is stored, and changes with any byte', () => {
    const { key } = newTenderKey(master, TENDER);
    const sealed = sealBid(key, TENDER, BID, CONTENT);
    expect(sealed.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(sealedDigest(sealed)).toBe(sealed.sha256);
    sealed.content.ciphertext[0] ^= 1;
    expect(sealedDigest(sealed)).not.toBe(sealed.sha256);
  });

  it('refuses a ciphertext moved to another bid or a wrong master key', () => {
    const { key, wrapped } = newTenderKey(master, TENDER);
    const sealed = sealBid(key, TENDER, BID, CONTENT);
    expect(() => openBid(key, TENDER, '33333333-cccc-4ccc-8ccc-333333333333', sealed)).toThrow();
    expect(() => unwrapTenderKey(randomBytes(32), TENDER, wrapped)).toThrow();
    expect(() => unwrapTenderKey(master, '44444444-dddd-4ddd-8ddd-444444444444', wrapped)).toThrow();
  });
});
