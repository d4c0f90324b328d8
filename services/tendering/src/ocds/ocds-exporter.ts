import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { NotFoundError, type RequestContext } from '@rim/service-kit';
import { num, numOrNull } from '../common/numbers';
import { loadConsortium, type Consortium } from '../consortia/consortia.service';
import { guaranteeCarriers } from '../consortia/guarantee';
import { SCORING_RULE } from '../evaluation/scoring';
import type { LotStatusName, TenderStatusName } from '../tenders/tender-lifecycle';
import { loadLots, organisationNames, type Tender } from '../tenders/tender-store';
import { TendersService } from '../tenders/tenders.service';
import { OCDS_EXTENSION_URLS } from './ocds-schema';

export const OCDS_OPTIONS = Symbol('OCDS_OPTIONS');
export interface OcdsOptions {
  publicUrl: string;
}

/**
 * Placeholder prefix until the platform registers its own with the Open Contracting Partnership
 * (prefixes are "ocds-" and six characters).
 */
export const OCID_PREFIX = 'ocds-rimkt0';

const TENDER_STATUS: Record<TenderStatusName, string> = {
  DRAFT: 'planned', OPEN: 'active', CLOSED: 'active', EVALUATION: 'active', AWARDED: 'complete', CONTRACTED: 'complete', CANCELLED: 'cancelled', UNSUCCESSFUL: 'unsuccessful',
};
const LOT_STATUS: Record<LotStatusName, string> = { OPEN: 'active', AWARDED: 'complete', CONTRACTED: 'complete', UNSUCCESSFUL: 'unsuccessful', CANCELLED: 'cancelled' };
const OPENED: TenderStatusName[] = ['EVALUATION', 'AWARDED', 'CONTRACTED', 'UNSUCCESSFUL'];

const eur = (amount: number) => ({ amount: Math.round(amount * 100) / 100, currency: 'EUR' });

/** Builds a tender's OCDS 1.1.5 release package: bids and tenderers only once the bids are opened. */
@Injectable()
export class OcdsExporter {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly tenders: TendersService,
    @Inject(OCDS_OPTIONS) private readonly options: OcdsOptions,
  ) {}

  async releasePackage(ctx: RequestContext, tenderId: string, now = new Date()): Promise<Record<string, unknown>> {
    const tender = await this.tenders.find(ctx, tenderId, 'tenderId');
    if (!tender) throw new NotFoundError('call for tenders', tenderId);
    const base = this.options.publicUrl.replace(/\/$/, '');
    return {
      uri: `${base}/ocds/releases/${tender.id}`,
      version: '1.1',
      extensions: [OCDS_EXTENSION_URLS.lots, OCDS_EXTENSION_URLS.bid, `${base}/ocds/extensions/consortium/extension.json`],
      publishedDate: now.toISOString(),
      publisher: { name: 'Regional industry marketplace' },
      releases: [await this.release(tender, now)],
    };
  }

  private async release(tender: Tender, now: Date): Promise<Record<string, unknown>> {
    const q = this.dataSource.manager;
    const lots = await loadLots(q, [tender.id]);
    const opened = OPENED.includes(tender.status);
    const [{ n: liveBids }] = await q.query(`SELECT count(*)::int AS n FROM bid WHERE tender_id = $1 AND status = 'SUBMITTED'`, [tender.id]);
    const bids = opened
      ? ((await q.query(`SELECT id, bidder_organisation_id, consortium_id, lot_ids, status, received_at FROM bid WHERE tender_id = $1 AND status IN ('SUBMITTED','WITHDRAWN') ORDER BY received_at`, [tender.id])) as Array<{
          id: string; bidder_organisation_id: string; consortium_id: string | null; lot_ids: string[]; status: string; received_at: Date;
        }>)
      : [];
    const evaluations = opened
      ? ((await q.query(`SELECT e.bid_id, e.lot_id, e.price_eur FROM bid_lot_evaluation e JOIN bid b ON b.id = e.bid_id WHERE b.tender_id = $1`, [tender.id])) as Array<{
          bid_id: string; lot_id: string; price_eur: string;
        }>)
      : [];
    const consortia = new Map<string, Consortium>();
    for (const b of bids) if (b.consortium_id && !consortia.has(b.consortium_id)) consortia.set(b.consortium_id, await loadConsortium(q, b.consortium_id));
    const membersOf = (b: { bidder_organisation_id: string; consortium_id: string | null }) =>
      b.consortium_id ? (consortia.get(b.consortium_id)?.members ?? []).filter((m) => m.status === 'ACCEPTED').map((m) => m.organisationId) : [b.bidder_organisation_id];

    const roles = new Map<string, Set<string>>([[tender.buyerOrganisationId, new Set(['buyer'])]]);
    const addRole = (id: string, role: string) => (roles.get(id) ?? roles.set(id, new Set()).get(id))?.add(role);
    for (const b of bids) {
      for (const m of membersOf(b)) addRole(m, 'tenderer');
      if (b.consortium_id) addRole(b.bidder_organisation_id, 'leadTenderer');
    }
    const awarded = lots.filter((l) => l.awardedBidId);
    for (const l of awarded) {
      const b = bids.find((x) => x.id === l.awardedBidId);
      if (b) for (const m of membersOf(b)) addRole(m, 'supplier');
    }
    const names = await organisationNames(q, [...roles.keys()]);
    const ref = (id: string) => ({ id, name: names.get(id) ?? `Organisation ${id}` });

    const consortiumBlock = (c: Consortium, lotIds: string[]) => ({
      id: c.id,
      name: c.name,
      form: (c.form ?? 'CONJOINT').toLowerCase(),
      leadJointlyLiable: c.leadJointlyLiable,
      members: c.members.filter((m) => m.status === 'ACCEPTED').map((m) => ({
        party: ref(m.organisationId),
        role: m.role === 'LEAD' ? 'lead' : 'member',
        shares: c.shares.filter((s) => s.organisationId === m.organisationId && lotIds.includes(s.lotId)).map((s) => ({
          relatedLot: s.lotId, sharePercent: s.sharePercent, committedQuantity: s.committedQuantity, committedUnit: s.committedUnit, process: s.processCode,
        })),
      })),
      guaranteeCarriers: c.form
        ? lotIds.flatMap((lotId) =>
            guaranteeCarriers(c.form ?? 'CONJOINT', c.leadJointlyLiable, c.leadOrganisationId, c.shares.filter((s) => s.lotId === lotId), {
              retentionPercent: tender.guarantee.retentionPercent, firstDemandEur: tender.guarantee.firstDemandAmountEur,
            }).map((g) => ({
              party: ref(g.organisationId), relatedLot: lotId, sharePercent: g.sharePercent,
              ...(g.firstDemandAmountEur !== null ? { firstDemandGuarantee: eur(g.firstDemandAmountEur) } : {}),
              retentionPercent: tender.guarantee.retentionPercent,
            })),
          )
        : [],
    });
    const priceOf = (bidId: string, lotId: string) => numOrNull(evaluations.find((e) => e.bid_id === bidId && e.lot_id === lotId)?.price_eur);

    const tags = ['tender'];
    if (tender.status === 'CANCELLED') tags.push('tenderCancellation');
    if (awarded.length) tags.push('award');
    if (lots.some((l) => l.contractId)) tags.push('contract');
    const c = tender.criteria;
    const release: Record<string, unknown> = {
      ocid: `${OCID_PREFIX}-${tender.id}`,
      id: `${tender.id}-${now.getTime()}`,
      date: now.toISOString(),
      tag: tags,
      initiationType: 'tender',
      language: 'fr',
      parties: [...roles.entries()].map(([id, r]) => ({ ...ref(id), roles: [...r] })),
      buyer: ref(tender.buyerOrganisationId),
      tender: {
        id: tender.id,
        title: tender.title,
        description: tender.description,
        status: TENDER_STATUS[tender.status],
        procurementMethod: 'open',
        awardCriteria: 'ratedCriteria',
        awardCriteriaDetails: `price ${c.price}, lead time ${c.leadTime}, quality ${c.quality}, CO2 ${c.co2} (points out of 100). ${SCORING_RULE}`,
        submissionMethod: ['electronicSubmission'],
        tenderPeriod: { ...(tender.publishedAt ? { startDate: tender.publishedAt.toISOString() } : {}), endDate: tender.submissionDeadline.toISOString() },
        ...(opened ? { numberOfTenderers: new Set(bids.filter((b) => b.status === 'SUBMITTED').flatMap(membersOf)).size } : {}),
        lots: lots.map((l) => ({ id: l.id, title: l.title, status: LOT_STATUS[l.status] })),
        items: lots.map((l) => ({
          id: `${l.id}-item`,
          description: `${l.title} (${l.requiredProcesses.join(', ')}), delivered to commune ${l.deliveryCommuneInsee} by ${l.deliveryDate}`,
          quantity: l.quantity,
          unit: { name: l.unit },
          relatedLot: l.id,
        })),
      },
      bids: {
        statistics: [{ id: 'bids', measure: 'bids', value: liveBids, date: now.toISOString() }],
        ...(opened
          ? {
              details: bids.map((b) => ({
                id: b.id,
                date: b.received_at.toISOString(),
                status: b.status === 'SUBMITTED' ? 'valid' : 'withdrawn',
                tenderers: membersOf(b).map(ref),
                relatedLots: b.lot_ids,
                ...(b.status === 'SUBMITTED' ? { value: eur(b.lot_ids.reduce((s, l) => s + (priceOf(b.id, l) ?? 0), 0)) } : {}),
                ...(b.consortium_id ? { consortium: consortiumBlock(consortia.get(b.consortium_id) as Consortium, b.lot_ids) } : {}),
              })),
            }
          : {}),
      },
    };
    if (awarded.length) {
      release.awards = awarded.map((l) => {
        const b = bids.find((x) => x.id === l.awardedBidId);
        const value = l.awardedBidId ? priceOf(l.awardedBidId, l.id) : null;
        return {
          id: `award-${l.id}`,
          title: `Lot ${l.number}: ${l.title}`,
          status: l.standstillEndsAt && l.standstillEndsAt.getTime() > now.getTime() && !l.contractId ? 'pending' : 'active',
          date: l.awardedAt?.toISOString(),
          ...(value !== null ? { value: eur(value) } : {}),
          suppliers: b ? membersOf(b).map(ref) : [],
          relatedLots: [l.id],
          relatedBid: l.awardedBidId,
          ...(b?.consortium_id ? { consortium: consortiumBlock(consortia.get(b.consortium_id) as Consortium, [l.id]) } : {}),
        };
      });
    }
    const contracted = lots.filter((l) => l.contractId);
    if (contracted.length) {
      release.contracts = contracted.map((l) => ({
        id: l.contractId,
        awardID: `award-${l.id}`,
        title: `Lot ${l.number}: ${l.title}`,
        status: 'active',
        dateSigned: l.contractedAt?.toISOString(),
        ...(l.awardedBidId && priceOf(l.awardedBidId, l.id) !== null ? { value: eur(num(priceOf(l.awardedBidId, l.id))) } : {}),
      }));
    }
    return release;
  }
}
