import { createHash } from 'node:crypto';
import { Client } from 'pg';

const NAF = ['25.62B', '25.11Z', '28.41Z', '22.29A', '33.12Z', '24.33Z', '25.73B', '29.32Z', '27.11Z', '16.23Z'];
const SIZE = ['MICRO', 'SMALL', 'MEDIUM', 'INTERMEDIATE', 'LARGE'];

/** A 9-digit SIREN with a valid Luhn check digit, from an 8-digit base. */
export function luhnSiren(base: number): string {
  const digits = String(base).padStart(8, '0');
  for (let check = 0; check < 10; check++) {
    const candidate = digits + check;
    let sum = 0;
    for (let i = 0; i < 9; i++) {
      let d = Number(candidate[8 - i]);
      if (i % 2 === 1) {
        d *= 2;
        if (d > 9) d -= 9;
      }
      sum += d;
    }
    if (sum % 10 === 0) return candidate;
  }
  throw new Error('unreachable');
}

/** A stable uuid (v4 layout) from a string, so a re-run seeds the same ids. */
function stableUuid(seed: string): string {
  const h = createHash('sha256').update(seed).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/**
 * Inserts `count` organisations straight into the directory database (the API only registers the
 * caller's own organisation, and there are 6 demo users). Runs after the directory service has
 * applied its migrations. Idempotent. Returns the ids, in insertion order.
 */
export async function seedOrganisations(databaseUrl: string, count: number): Promise<string[]> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const ids: string[] = [];
    const rows: unknown[] = [];
    for (let i = 0; i < count; i++) {
      const id = stableUuid(`bench-organisation-${i}`);
      ids.push(id);
      rows.push(
        id,
        luhnSiren(70_000_000 + i * 7),
        `Bench Industrie ${String(i).padStart(4, '0')} SAS`,
        i % 3 === 0 ? `BI ${i}` : null,
        NAF[i % NAF.length],
        SIZE[i % SIZE.length],
        (i % 3) + 1,
        `Seeded by bench/run.ts (${i}).`,
      );
    }
    const per = 8;
    for (let start = 0; start < count; start += 100) {
      const n = Math.min(100, count - start);
      const values = Array.from({ length: n }, (_, k) =>
        `(${Array.from({ length: per }, (_, j) => `$${k * per + j + 1}`).join(',')})`,
      ).join(',');
      await client.query(
        `INSERT INTO organisation (id, siren, legal_name, trading_name, naf_code, size_band, tier, description)
         VALUES ${values} ON CONFLICT DO NOTHING`,
        rows.slice(start * per, (start + n) * per),
      );
    }
    const { rows: c } = await client.query<{ n: string }>('SELECT count(*) AS n FROM organisation');
    if (Number(c[0].n) < count) throw new Error(`seed: only ${c[0].n} organisations in the directory database`);
    return ids;
  } finally {
    await client.end();
  }
}
