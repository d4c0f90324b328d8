import { canonicalJson, entryHash, GENESIS_HASH, verifyChain, type StoredAuditRecord } from './audit-chain';

const TENDER = '3f0c1a52-7a0e-4f47-9d49-2a8f3c0e8b11';

function chain(n: number): StoredAuditRecord[] {
  const out: StoredAuditRecord[] = [];
  let prev = GENESIS_HASH;
  for (let i = 1; i <= n; i++) {
    const record = { tenderId: TENDER, position: i, at: new Date(Date.UTC(2027, 0, 1, 0, 0, i)), actor: 'user:carla', action: `step-${i}`, detail: { b: i, a: [1, { z: 1, y: 2 }] } };
    const hash = entryHash(prev, record);
    out.push({ ...record, prevHash: prev, hash });
    prev = hash;
  }
  return out;
}

describe('audit chain', () => {
  it('canonical JSON does not depend on key order', () => {
    expect(canonicalJson({ b: 1, a: { d: 2, c: 3 } })).toBe(canonicalJson({ a: { c: 3, d: 2 }, b: 1 }));
  });

  it('an untouched chain verifies', () => {
    expect(verifyChain(chain(5))).toMatchObject({ valid: true, entries: 5, brokenAt: null });
  });

  it('an edited detail is detected at its position', () => {
    const c = chain(5);
    c[2] = { ...c[2], detail: { ...c[2].detail, b: 999 } };
    expect(verifyChain(c)).toMatchObject({ valid: false, brokenAt: 3 });
  });

  it('a deleted entry is detected', () => {
    const c = chain(5);
    c.splice(1, 1);
    expect(verifyChain(c)).toMatchObject({ valid: false, brokenAt: 3 });
  });

  it('an entry rewritten with a recomputed hash still breaks the next link', () => {
    const c = chain(4);
    const forged = { ...c[1], actor: 'user:mallory' };
    c[1] = { ...forged, hash: entryHash(forged.prevHash, forged) };
    expect(verifyChain(c)).toMatchObject({ valid: false, brokenAt: 3, reason: expect.stringContaining('does not point') });
  });
});
