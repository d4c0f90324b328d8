import type { EntityManager } from 'typeorm';
import type { LoadQuantities } from '../carbon/carbon';

export interface CapacityAfter {
  capacity: LoadQuantities;
  remaining: LoadQuantities;
}

export type Shortfall = { unit: 'pallets' | 'crates' | 'kg'; needed: number; remaining: number } | { unit: 'trip'; reason: string };

/**
 * Reserves space on a trip in one conditional UPDATE: the row changes only if every unit still
 * fits, so two concurrent acceptances can never both take the last pallet (the row lock serialises
 * them and the second re-evaluates the WHERE clause on the new row). The CHECK constraints on the
 * table are the backstop. Returns null when it does not fit; {@link explainShortfall} says why.
 */
export async function reserveCapacity(tx: EntityManager, tripId: string, q: LoadQuantities): Promise<CapacityAfter | null> {
  const rows: Array<Record<string, number>> = await tx.query(
    // Wrapped in a CTE so the driver returns plain rows (TypeORM returns [rows, count] for UPDATE).
    `WITH reserved AS (
     UPDATE trip
        SET remaining_pallets = remaining_pallets - $2,
            remaining_crates = remaining_crates - $3,
            remaining_kg = remaining_kg - $4,
            version = version + 1
      WHERE id = $1 AND status = 'OPEN'
        AND remaining_pallets >= $2 AND remaining_crates >= $3 AND remaining_kg >= $4
      RETURNING capacity_pallets, capacity_crates, capacity_kg, remaining_pallets, remaining_crates, remaining_kg)
     SELECT * FROM reserved`,
    [tripId, q.pallets, q.crates, q.kg],
  );
  const r = rows[0];
  if (!r) return null;
  return {
    capacity: { pallets: r.capacity_pallets, crates: r.capacity_crates, kg: r.capacity_kg },
    remaining: { pallets: r.remaining_pallets, crates: r.remaining_crates, kg: r.remaining_kg },
  };
}

/** Which unit ran out, read after a failed reservation (for the error message only). */
export async function explainShortfall(tx: EntityManager, tripId: string, q: LoadQuantities): Promise<Shortfall> {
  const [r] = await tx.query(
    `SELECT status, remaining_pallets, remaining_crates, remaining_kg FROM trip WHERE id = $1`,
    [tripId],
  );
  if (!r) return { unit: 'trip', reason: 'the trip no longer exists' };
  if (r.status !== 'OPEN') return { unit: 'trip', reason: `the trip is ${String(r.status).toLowerCase()}` };
  if (r.remaining_pallets < q.pallets) return { unit: 'pallets', needed: q.pallets, remaining: r.remaining_pallets };
  if (r.remaining_crates < q.crates) return { unit: 'crates', needed: q.crates, remaining: r.remaining_crates };
  if (r.remaining_kg < q.kg) return { unit: 'kg', needed: q.kg, remaining: r.remaining_kg };
  return { unit: 'trip', reason: 'the space was taken meanwhile' };
}

export function describeShortfall(s: Shortfall): string {
  if (s.unit === 'trip') return s.reason;
  const unit = s.unit === 'kg' ? 'kg' : s.remaining === 1 ? s.unit.slice(0, -1) : s.unit;
  return `needs ${s.needed} ${s.unit} but only ${s.remaining} ${unit} ${s.remaining === 1 ? 'remains' : 'remain'}`;
}
