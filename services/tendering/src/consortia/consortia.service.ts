import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';
import { BadInputError, ConflictError, NotFoundError, isUuid, requireUuid, type FieldProblem, type RequestContext } from '@rim/service-kit';
import { AuditTrail } from '../audit/audit-trail';
import { actorOf } from '../common/actor';
import { forbidden } from '../common/forbidden';
import { num } from '../common/numbers';
import { isOperator } from '../common/operator';
import { requireOrganisation } from '../common/principal';
import { loadLots, loadTender, organisationNames, type Lot, type Tender } from '../tenders/tender-store';
import type { ConsortiumFormEnum } from './consortium-form.enum';
import type { CreateConsortiumInput } from './dto/create-consortium.input';
import type { SetLotSharesInput } from './dto/set-lot-shares.input';
import { guaranteeCarriers, type ConsortiumForm, type GuaranteeCarrier } from './guarantee';
import { consortiumReadiness } from './readiness';

type Q = Pick<EntityManager, 'query'>;

export interface Member {
  organisationId: string;
  name: string;
  role: 'LEAD' | 'MEMBER';
  status: 'INVITED' | 'ACCEPTED' | 'DECLINED';
}

export interface Share {
  lotId: string;
  organisationId: string;
  sharePercent: number;
  committedQuantity: number;
  committedUnit: string;
  processCode: string;
}

export interface Consortium {
  id: string;
  tenderId: string;
  name: string;
  leadOrganisationId: string;
  form: ConsortiumForm | null;
  leadJointlyLiable: boolean;
  frozenAt: Date | null;
  members: Member[];
  shares: Share[];
}

export interface ConsortiumView extends Consortium {
  lots: Array<{
    lotId: string;
    lotNumber: number;
    shares: Array<Share & { declaredInDirectory: boolean }>;
    sharesTotalPercent: number;
    guaranteeCarriers: Array<GuaranteeCarrier & { retentionPercent: number | null }>;
  }>;
  missingForBid: FieldProblem[];
}

/** Processes each organisation declares, from the directory's capability events. */
export async function declaredProcesses(q: Q, organisationIds: string[]): Promise<Map<string, Set<string>>> {
  const rows = (await q.query(`SELECT DISTINCT organisation_id, process_code FROM directory_capability WHERE organisation_id = ANY($1::uuid[])`, [
    organisationIds,
  ])) as Array<{ organisation_id: string; process_code: string }>;
  const out = new Map<string, Set<string>>();
  for (const r of rows) {
    if (!out.has(r.organisation_id)) out.set(r.organisation_id, new Set());
    out.get(r.organisation_id)?.add(r.process_code);
  }
  return out;
}

export async function loadConsortium(q: Q, id: string, lock = false): Promise<Consortium> {
  if (!isUuid(id)) throw new NotFoundError('consortium', id);
  const [row] = await q.query(`SELECT * FROM consortium WHERE id = $1${lock ? ' FOR UPDATE' : ''}`, [id]);
  if (!row) throw new NotFoundError('consortium', id);
  const members = (await q.query(`SELECT * FROM consortium_member WHERE consortium_id = $1 ORDER BY role, invited_at`, [id])) as Array<{
    organisation_id: string;
    role: Member['role'];
    status: Member['status'];
  }>;
  const names = await organisationNames(q, members.map((m) => m.organisation_id));
  const shares = (await q.query(`SELECT * FROM consortium_share WHERE consortium_id = $1 ORDER BY lot_id, share_percent DESC`, [id])) as Array<
    Record<string, unknown>
  >;
  return {
    id: row.id,
    tenderId: row.tender_id,
    name: row.name,
    leadOrganisationId: row.lead_organisation_id,
    form: row.form,
    leadJointlyLiable: row.lead_jointly_liable,
    frozenAt: row.frozen_at,
    members: members.map((m) => ({ organisationId: m.organisation_id, name: names.get(m.organisation_id) ?? m.organisation_id, role: m.role, status: m.status })),
    shares: shares.map((s) => ({
      lotId: s.lot_id as string,
      organisationId: s.organisation_id as string,
      sharePercent: num(s.share_percent),
      committedQuantity: num(s.committed_quantity),
      committedUnit: s.committed_unit as string,
      processCode: s.process_code as string,
    })),
  };
}

/** Why the consortium may not bid on these lots yet (empty when it may). */
export async function readinessFor(q: Q, c: Consortium, lots: Lot[], fieldPrefix = 'consortium'): Promise<FieldProblem[]> {
  const declared = await declaredProcesses(q, c.members.map((m) => m.organisationId));
  return consortiumReadiness(
    {
      form: c.form,
      members: c.members,
      lots: lots.map((l) => ({ lotId: l.id, number: l.number, requiredProcesses: l.requiredProcesses, shares: c.shares.filter((s) => s.lotId === l.id) })),
      declared,
    },
    fieldPrefix,
  );
}

@Injectable()
export class ConsortiaService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditTrail,
  ) {}

  private assertLead(ctx: RequestContext, c: Consortium): void {
    const principal = requireOrganisation(ctx);
    if (principal.organisationId !== c.leadOrganisationId) throw forbidden(`only the mandataire of consortium ${c.id} may change it`);
  }

  private assertNotFrozen(c: Consortium): void {
    if (c.frozenAt) {
      throw new ConflictError('consortiumId', `membership is frozen from bid submission (${c.frozenAt.toISOString()}) until award`);
    }
  }

  private async openTender(q: Q, tenderId: string): Promise<Tender> {
    const tender = await loadTender(q, tenderId);
    if (tender.status !== 'OPEN') throw new ConflictError('tenderId', `the call for tenders is ${tender.status}, consortia form only while it is OPEN`);
    return tender;
  }

  async create(ctx: RequestContext, input: CreateConsortiumInput): Promise<ConsortiumView> {
    const principal = requireOrganisation(ctx);
    const id = randomUUID();
    await this.dataSource.transaction(async (tx) => {
      const tender = await this.openTender(tx, input.tenderId);
      if (tender.buyerOrganisationId === principal.organisationId) {
        throw new BadInputError([{ field: 'input.tenderId', reason: 'the buyer cannot lead a consortium answering its own call' }]);
      }
      const [existing] = await tx.query(`SELECT id FROM consortium WHERE tender_id = $1 AND lead_organisation_id = $2`, [tender.id, principal.organisationId]);
      if (existing) throw new ConflictError('input.tenderId', `your organisation already leads consortium ${existing.id} on this call`);
      await tx.query(`INSERT INTO consortium (id, tender_id, lead_organisation_id, name, form, lead_jointly_liable) VALUES ($1, $2, $3, $4, $5, $6)`, [
        id, tender.id, principal.organisationId, input.name.trim(), input.form ?? null, input.leadJointlyLiable,
      ]);
      await tx.query(`INSERT INTO consortium_member (consortium_id, organisation_id, role, status, responded_at) VALUES ($1, $2, 'LEAD', 'ACCEPTED', now())`, [
        id, principal.organisationId,
      ]);
      await this.audit.append(tx, tender.id, actorOf(ctx), 'consortium.created', { consortiumId: id, form: input.form ?? null, leadJointlyLiable: input.leadJointlyLiable });
    });
    return this.view(ctx, id);
  }

  async invite(ctx: RequestContext, consortiumId: string, organisationId: string): Promise<ConsortiumView> {
    requireUuid('consortiumId', consortiumId);
    requireUuid('organisationId', organisationId);
    await this.dataSource.transaction(async (tx) => {
      const c = await loadConsortium(tx, consortiumId, true);
      this.assertLead(ctx, c);
      this.assertNotFrozen(c);
      const tender = await this.openTender(tx, c.tenderId);
      if (organisationId === tender.buyerOrganisationId) throw new BadInputError([{ field: 'organisationId', reason: 'the buyer cannot be a member of a consortium answering its own call' }]);
      const existing = c.members.find((m) => m.organisationId === organisationId);
      if (existing && existing.status !== 'DECLINED') throw new ConflictError('organisationId', `${existing.name} is already ${existing.status.toLowerCase()}`);
      const [other] = await tx.query(
        `SELECT c.id FROM consortium_member m JOIN consortium c ON c.id = m.consortium_id
          WHERE c.tender_id = $1 AND m.organisation_id = $2 AND m.status = 'ACCEPTED' AND c.id <> $3`,
        [c.tenderId, organisationId, c.id],
      );
      if (other) throw new ConflictError('organisationId', 'this organisation is already a member of another consortium on this call');
      await tx.query(
        `INSERT INTO consortium_member (consortium_id, organisation_id, role, status) VALUES ($1, $2, 'MEMBER', 'INVITED')
         ON CONFLICT (consortium_id, organisation_id) DO UPDATE SET status = 'INVITED', invited_at = now(), responded_at = NULL`,
        [c.id, organisationId],
      );
      await this.audit.append(tx, c.tenderId, actorOf(ctx), 'consortium.member-invited', { consortiumId: c.id, organisationId });
    });
    return this.view(ctx, consortiumId);
  }

  async respond(ctx: RequestContext, consortiumId: string, accept: boolean): Promise<ConsortiumView> {
    const principal = requireOrganisation(ctx);
    requireUuid('consortiumId', consortiumId);
    await this.dataSource.transaction(async (tx) => {
      const c = await loadConsortium(tx, consortiumId, true);
      const me = c.members.find((m) => m.organisationId === principal.organisationId);
      if (!me) throw new NotFoundError('consortium', consortiumId);
      if (me.status !== 'INVITED') throw new ConflictError('consortiumId', `your organisation has already ${me.status === 'ACCEPTED' ? 'accepted' : 'declined'}`);
      this.assertNotFrozen(c);
      await this.openTender(tx, c.tenderId);
      await tx.query(`UPDATE consortium_member SET status = $3, responded_at = now() WHERE consortium_id = $1 AND organisation_id = $2`, [
        c.id, principal.organisationId, accept ? 'ACCEPTED' : 'DECLINED',
      ]);
      await this.audit.append(tx, c.tenderId, actorOf(ctx), accept ? 'consortium.member-accepted' : 'consortium.member-declined', {
        consortiumId: c.id, organisationId: principal.organisationId,
      });
    });
    return this.view(ctx, consortiumId);
  }

  async setForm(ctx: RequestContext, consortiumId: string, form: ConsortiumFormEnum, leadJointlyLiable: boolean): Promise<ConsortiumView> {
    requireUuid('consortiumId', consortiumId);
    await this.dataSource.transaction(async (tx) => {
      const c = await loadConsortium(tx, consortiumId, true);
      this.assertLead(ctx, c);
      this.assertNotFrozen(c);
      await this.openTender(tx, c.tenderId);
      await tx.query(`UPDATE consortium SET form = $2, lead_jointly_liable = $3 WHERE id = $1`, [c.id, form, leadJointlyLiable]);
      await this.audit.append(tx, c.tenderId, actorOf(ctx), 'consortium.form-set', { consortiumId: c.id, form, leadJointlyLiable });
    });
    return this.view(ctx, consortiumId);
  }

  async setLotShares(ctx: RequestContext, input: SetLotSharesInput): Promise<ConsortiumView> {
    await this.dataSource.transaction(async (tx) => {
      const c = await loadConsortium(tx, input.consortiumId, true);
      this.assertLead(ctx, c);
      this.assertNotFrozen(c);
      await this.openTender(tx, c.tenderId);
      const lot = (await loadLots(tx, [c.tenderId])).find((l) => l.id === input.lotId);
      if (!lot) throw new BadInputError([{ field: 'input.lotId', reason: 'is not a lot of this consortium\'s call for tenders' }]);
      const problems: FieldProblem[] = [];
      const seen = new Set<string>();
      input.shares.forEach((s, i) => {
        const m = c.members.find((x) => x.organisationId === s.organisationId);
        if (!m || m.status === 'DECLINED') problems.push({ field: `input.shares.${i}.organisationId`, reason: 'is not a member of the consortium (invite it first)' });
        if (seen.has(s.organisationId)) problems.push({ field: `input.shares.${i}.organisationId`, reason: 'appears twice on this lot' });
        seen.add(s.organisationId);
      });
      if (problems.length) throw new BadInputError(problems);
      await tx.query(`DELETE FROM consortium_share WHERE consortium_id = $1 AND lot_id = $2`, [c.id, lot.id]);
      for (const s of input.shares) {
        await tx.query(
          `INSERT INTO consortium_share (consortium_id, lot_id, organisation_id, share_percent, committed_quantity, committed_unit, process_code)
           VALUES ($1, $2, $3, $4, $5, $6, $7)`,
          [c.id, lot.id, s.organisationId, s.sharePercent, s.committedQuantity, s.committedUnit, s.processCode],
        );
      }
      await this.audit.append(tx, c.tenderId, actorOf(ctx), 'consortium.shares-set', {
        consortiumId: c.id, lotId: lot.id, shares: input.shares.map((s) => ({ ...s })),
      });
    });
    return this.view(ctx, input.consortiumId);
  }

  /** Members (invited included) and operators see a consortium; the buyer once the bids are opened. */
  private async canSee(ctx: RequestContext, c: Consortium): Promise<boolean> {
    if (isOperator(ctx)) return true;
    const org = ctx.principal?.organisationId;
    if (!org) return false;
    if (c.members.some((m) => m.organisationId === org)) return true;
    const tender = await loadTender(this.dataSource.manager, c.tenderId);
    return tender.buyerOrganisationId === org && ['EVALUATION', 'AWARDED', 'CONTRACTED'].includes(tender.status);
  }

  async find(ctx: RequestContext, id: string): Promise<ConsortiumView | null> {
    requireUuid('id', id);
    let c: Consortium;
    try {
      c = await loadConsortium(this.dataSource.manager, id);
    } catch (e) {
      if (e instanceof NotFoundError) return null;
      throw e;
    }
    return (await this.canSee(ctx, c)) ? this.viewOf(c) : null;
  }

  private async view(ctx: RequestContext, id: string): Promise<ConsortiumView> {
    const v = await this.find(ctx, id);
    if (!v) throw new NotFoundError('consortium', id);
    return v;
  }

  async mine(ctx: RequestContext): Promise<ConsortiumView[]> {
    const principal = requireOrganisation(ctx);
    const rows = (await this.dataSource.query(
      `SELECT c.id FROM consortium c JOIN consortium_member m ON m.consortium_id = c.id WHERE m.organisation_id = $1 ORDER BY c.created_at DESC LIMIT 100`,
      [principal.organisationId],
    )) as Array<{ id: string }>;
    return Promise.all(rows.map(async (r) => this.viewOf(await loadConsortium(this.dataSource.manager, r.id))));
  }

  async viewOf(c: Consortium): Promise<ConsortiumView> {
    const q = this.dataSource.manager;
    const tender = await loadTender(q, c.tenderId);
    const allLots = await loadLots(q, [c.tenderId]);
    const lots = allLots.filter((l) => c.shares.some((s) => s.lotId === l.id));
    const declared = await declaredProcesses(q, c.members.map((m) => m.organisationId));
    return {
      ...c,
      lots: lots.map((l) => {
        const shares = c.shares.filter((s) => s.lotId === l.id);
        return {
          lotId: l.id,
          lotNumber: l.number,
          shares: shares.map((s) => ({ ...s, declaredInDirectory: declared.get(s.organisationId)?.has(s.processCode) ?? false })),
          sharesTotalPercent: Math.round(shares.reduce((t, s) => t + s.sharePercent, 0) * 100) / 100,
          guaranteeCarriers: c.form
            ? guaranteeCarriers(c.form, c.leadJointlyLiable, c.leadOrganisationId, shares, {
                retentionPercent: tender.guarantee.retentionPercent,
                firstDemandEur: tender.guarantee.firstDemandAmountEur,
              }).map((g) => ({ ...g, retentionPercent: tender.guarantee.retentionPercent }))
            : [],
        };
      }),
      missingForBid: lots.length
        ? await readinessFor(q, c, lots)
        : [{ field: 'consortium.lots', reason: 'no lot has members performing it yet' }],
    };
  }
}
