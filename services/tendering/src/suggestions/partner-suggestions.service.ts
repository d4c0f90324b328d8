import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { NotFoundError, requireUuid, type RequestContext } from '@rim/service-kit';
import { num } from '../common/numbers';
import { requireOrganisation } from '../common/principal';
import { loadLots, loadTender, organisationNames } from '../tenders/tender-store';
import { TendersService } from '../tenders/tenders.service';
import { haversineKm, rankPartners, type Candidate, type Suggestion } from './partner-ranking';

export const SUGGESTION_OPTIONS = Symbol('SUGGESTION_OPTIONS');
export interface SuggestionOptions {
  radiusKm: number;
}

/** Partners for a lot, from the service's own read model only: no call to directory or booking at request time. */
@Injectable()
export class PartnerSuggestionsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly tenders: TendersService,
    @Inject(SUGGESTION_OPTIONS) private readonly options: SuggestionOptions,
  ) {}

  async forLot(ctx: RequestContext, lotId: string, now = new Date()): Promise<Suggestion[]> {
    const principal = requireOrganisation(ctx);
    requireUuid('lotId', lotId);
    const q = this.dataSource.manager;
    const [row] = await q.query(`SELECT tender_id FROM tender_lot WHERE id = $1`, [lotId]);
    if (!row || !(await this.tenders.find(ctx, row.tender_id))) throw new NotFoundError('lot', lotId);
    const tender = await loadTender(q, row.tender_id);
    const lot = (await loadLots(q, [tender.id])).find((l) => l.id === lotId);
    if (!lot) throw new NotFoundError('lot', lotId);
    const until = new Date(`${lot.deliveryDate}T23:59:59Z`);
    const exclude = [tender.buyerOrganisationId, principal.organisationId];
    const declared = (await q.query(
      `SELECT organisation_id, array_agg(DISTINCT process_code) AS processes FROM directory_capability
        WHERE process_code = ANY($1::text[]) AND organisation_id <> ALL($2::uuid[]) GROUP BY organisation_id LIMIT 500`,
      [lot.requiredProcesses, exclude],
    )) as Array<{ organisation_id: string; processes: string[] }>;
    const ids = declared.map((d) => d.organisation_id);
    if (!ids.length) return [];
    const sites = (await q.query(`SELECT organisation_id, latitude, longitude FROM directory_site WHERE organisation_id = ANY($1::uuid[]) AND latitude IS NOT NULL`, [ids])) as Array<{
      organisation_id: string; latitude: number; longitude: number;
    }>;
    const capacities = (await q.query(
      `SELECT organisation_id, process_code, quantity, unit, window_start, window_end FROM directory_capacity
        WHERE organisation_id = ANY($1::uuid[]) AND process_code = ANY($2::text[]) AND window_end > $3 AND window_start < $4`,
      [ids, lot.requiredProcesses, now, until],
    )) as Array<{ organisation_id: string; process_code: string; quantity: number; unit: string; window_start: Date; window_end: Date }>;
    // Hours before the delivery date minus the confirmed bookings in that span (opening hours aside).
    const assets = (await q.query(
      `SELECT a.organisation_id, a.name, a.process_code,
              EXTRACT(EPOCH FROM ($4::timestamptz - $3::timestamptz)) / 3600
                - COALESCE((SELECT SUM(EXTRACT(EPOCH FROM (LEAST(b.ends_at, $4) - GREATEST(b.starts_at, $3)))) / 3600
                              FROM booking_busy b WHERE b.asset_id = a.asset_id AND b.ends_at > $3 AND b.starts_at < $4), 0) AS free_hours
         FROM booking_asset a WHERE a.organisation_id = ANY($1::uuid[]) AND a.process_code = ANY($2::text[])`,
      [ids, lot.requiredProcesses, now, until],
    )) as Array<{ organisation_id: string; name: string; process_code: string; free_hours: string }>;
    const names = await organisationNames(q, ids);
    const point = lot.deliveryLatitude !== null && lot.deliveryLongitude !== null ? { latitude: lot.deliveryLatitude, longitude: lot.deliveryLongitude } : null;
    const candidates: Candidate[] = declared.map((d) => {
      const own = sites.filter((s) => s.organisation_id === d.organisation_id);
      return {
        organisationId: d.organisation_id,
        name: names.get(d.organisation_id) ?? null,
        declared: d.processes,
        distanceKm: point && own.length ? Math.min(...own.map((s) => haversineKm(point, s))) : null,
        capacities: capacities.filter((c) => c.organisation_id === d.organisation_id).map((c) => ({
          processCode: c.process_code, quantity: num(c.quantity), unit: c.unit, windowStart: c.window_start, windowEnd: c.window_end,
        })),
        assets: assets.filter((a) => a.organisation_id === d.organisation_id).map((a) => ({ name: a.name, processCode: a.process_code, freeHours: num(a.free_hours) })),
      };
    });
    return rankPartners(lot.requiredProcesses, candidates, this.options.radiusKm).slice(0, 50);
  }
}
