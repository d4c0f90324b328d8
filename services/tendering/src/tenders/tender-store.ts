import type { EntityManager } from 'typeorm';
import { NotFoundError, isUuid } from '@rim/service-kit';
import { num, numOrNull } from '../common/numbers';
import type { CriteriaWeights } from '../evaluation/scoring';
import type { LotStatusName, TenderStatusName } from './tender-lifecycle';

type Q = Pick<EntityManager, 'query'>;

export interface Tender {
  id: string;
  buyerOrganisationId: string;
  title: string;
  description: string;
  status: TenderStatusName;
  submissionDeadline: Date;
  bidValidityDays: number;
  criteria: CriteriaWeights;
  guarantee: { retentionPercent: number | null; firstDemandAmountEur: number | null };
  publishedAt: Date | null;
  closedAt: Date | null;
  openedAt: Date | null;
  createdAt: Date;
}

export interface Lot {
  id: string;
  tenderId: string;
  number: number;
  title: string;
  requiredProcesses: string[];
  quantity: number;
  unit: string;
  deliveryCommuneInsee: string;
  deliveryLabel: string | null;
  deliveryDate: string;
  deliveryLatitude: number | null;
  deliveryLongitude: number | null;
  status: LotStatusName;
  awardedBidId: string | null;
  awardedAt: Date | null;
  standstillEndsAt: Date | null;
  contractId: string | null;
  contractedAt: Date | null;
}

/* eslint-disable @typescript-eslint/no-explicit-any -- rows straight from pg */
export function tenderFromRow(r: any): Tender {
  return {
    id: r.id,
    buyerOrganisationId: r.buyer_organisation_id,
    title: r.title,
    description: r.description,
    status: r.status,
    submissionDeadline: r.submission_deadline,
    bidValidityDays: r.bid_validity_days,
    criteria: { price: r.weight_price, leadTime: r.weight_lead_time, quality: r.weight_quality, co2: r.weight_co2 },
    guarantee: { retentionPercent: numOrNull(r.guarantee_retention_percent), firstDemandAmountEur: numOrNull(r.guarantee_first_demand_eur) },
    publishedAt: r.published_at,
    closedAt: r.closed_at,
    openedAt: r.opened_at,
    createdAt: r.created_at,
  };
}

export function lotFromRow(r: any): Lot {
  return {
    id: r.id,
    tenderId: r.tender_id,
    number: r.number,
    title: r.title,
    requiredProcesses: r.required_processes,
    quantity: num(r.quantity),
    unit: r.unit,
    deliveryCommuneInsee: r.delivery_commune_insee,
    deliveryLabel: r.delivery_label,
    deliveryDate: r.delivery_date_text,
    deliveryLatitude: r.delivery_latitude,
    deliveryLongitude: r.delivery_longitude,
    status: r.status,
    awardedBidId: r.awarded_bid_id,
    awardedAt: r.awarded_at,
    standstillEndsAt: r.standstill_ends_at,
    contractId: r.contract_id,
    contractedAt: r.contracted_at,
  };
}
/* eslint-enable @typescript-eslint/no-explicit-any */

/** One tender, optionally locked for the rest of the transaction; NOT_FOUND for an unknown or malformed id. */
export async function loadTender(q: Q, id: string, lock = false): Promise<Tender> {
  if (!isUuid(id)) throw new NotFoundError('call for tenders', id);
  const [row] = await q.query(`SELECT * FROM call_for_tenders WHERE id = $1${lock ? ' FOR UPDATE' : ''}`, [id]);
  if (!row) throw new NotFoundError('call for tenders', id);
  return tenderFromRow(row);
}

export async function loadLots(q: Q, tenderIds: string[]): Promise<Lot[]> {
  if (!tenderIds.length) return [];
  const rows = await q.query(
    `SELECT *, to_char(delivery_date, 'YYYY-MM-DD') AS delivery_date_text FROM tender_lot WHERE tender_id = ANY($1::uuid[]) ORDER BY tender_id, number`,
    [tenderIds],
  );
  return rows.map(lotFromRow);
}

export async function bidCount(q: Q, tenderId: string): Promise<number> {
  const [{ n }] = await q.query(`SELECT count(*)::int AS n FROM bid WHERE tender_id = $1 AND status = 'SUBMITTED'`, [tenderId]);
  return n;
}

export async function organisationName(q: Q, id: string): Promise<string | null> {
  const [row] = await q.query(`SELECT legal_name FROM known_organisation WHERE id = $1`, [id]);
  return row?.legal_name ?? null;
}

export async function organisationNames(q: Q, ids: string[]): Promise<Map<string, string>> {
  if (!ids.length) return new Map();
  const rows = (await q.query(`SELECT id, legal_name FROM known_organisation WHERE id = ANY($1::uuid[])`, [ids])) as Array<{ id: string; legal_name: string }>;
  return new Map(rows.map((r) => [r.id, r.legal_name]));
}
