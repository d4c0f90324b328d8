import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In, type EntityManager } from 'typeorm';
import { assertSameOrganisation } from '@rim/auth';
import { requireOrganisation, requirePrincipal } from '../common/principal';
import {
  OrganisationRegisteredSchema,
  OrganisationUpdatedSchema,
  SizeBand as WireSizeBand,
  Topic,
} from '@rim/contracts';
import { OutboxWriter, newTrace } from '@rim/messaging';
import { BadInputError, ConflictError, NotFoundError, isUuid, type RequestContext } from '@rim/service-kit';
import { Organisation, SizeBand } from './organisation.entity';
import type { RegisterOrganisationInput } from './dto/register-organisation.input';
import type { UpdateOrganisationInput } from './dto/update-organisation.input';
import { normaliseSiren } from './siren';

const WIRE_SIZE_BAND: Record<SizeBand, WireSizeBand> = {
  [SizeBand.MICRO]: WireSizeBand.MICRO,
  [SizeBand.SMALL]: WireSizeBand.SMALL,
  [SizeBand.MEDIUM]: WireSizeBand.MEDIUM,
  [SizeBand.INTERMEDIATE]: WireSizeBand.INTERMEDIATE,
  [SizeBand.LARGE]: WireSizeBand.LARGE,
};

export interface OrganisationPage {
  items: Organisation[];
  endCursor: string | null;
  hasNextPage: boolean;
}

@Injectable()
export class OrganisationsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly outbox: OutboxWriter,
  ) {}

  /**
   * Registers the caller's own organisation: its id is the `org_id` of the caller's token, so a
   * user can only ever register (and later edit) the organisation Keycloak ties them to.
   */
  async register(ctx: RequestContext, input: RegisterOrganisationInput): Promise<Organisation> {
    const principal = requireOrganisation(ctx);
    const organisationId = principal.organisationId;
    const siren = normaliseSiren(input.siren);
    return this.dataSource.transaction(async (tx) => {
      if (await tx.existsBy(Organisation, { id: organisationId })) {
        throw new ConflictError('organisation', `your organisation ${organisationId} is already registered`);
      }
      if (await tx.existsBy(Organisation, { siren })) {
        throw new ConflictError('input.siren', `an organisation with SIREN ${siren} is already registered`);
      }
      const organisation = tx.create(Organisation, {
        id: organisationId,
        siren,
        legalName: input.legalName.trim(),
        tradingName: input.tradingName?.trim() || null,
        nafCode: input.nafCode,
        sizeBand: input.sizeBand,
        tier: input.tier,
        description: input.description ?? null,
        knowHow: input.knowHow ?? null,
        clientReferences: input.clientReferences ?? null,
        ...(input.descriptionVisibility && { descriptionVisibility: input.descriptionVisibility }),
        ...(input.knowHowVisibility && { knowHowVisibility: input.knowHowVisibility }),
        ...(input.clientReferencesVisibility && { clientReferencesVisibility: input.clientReferencesVisibility }),
      });
      await tx.insert(Organisation, organisation).catch((e: unknown) => this.translateUniqueViolation(e, siren));
      await this.outbox.record(tx, {
        topic: Topic.OrganisationRegistered,
        key: organisation.id,
        schema: OrganisationRegisteredSchema,
        message: {
          organisationId: organisation.id,
          siren,
          legalName: organisation.legalName,
          tradingName: organisation.tradingName ?? '',
          nafCode: organisation.nafCode,
          sizeBand: WIRE_SIZE_BAND[organisation.sizeBand],
          tier: organisation.tier,
        },
        trace: newTrace(ctx.correlationId),
      });
      return tx.findOneByOrFail(Organisation, { id: organisation.id });
    });
  }

  async update(ctx: RequestContext, id: string, input: UpdateOrganisationInput): Promise<Organisation> {
    const principal = requirePrincipal(ctx);
    return this.dataSource.transaction(async (tx) => {
      const organisation = await this.lockOrFail(tx, id);
      assertSameOrganisation(principal, organisation.id, `organisation ${organisation.id}`);
      if (input.legalName !== undefined) organisation.legalName = input.legalName.trim();
      if (input.tradingName !== undefined) organisation.tradingName = input.tradingName?.trim() || null;
      if (input.nafCode !== undefined) organisation.nafCode = input.nafCode;
      if (input.sizeBand !== undefined) organisation.sizeBand = input.sizeBand;
      if (input.tier !== undefined) organisation.tier = input.tier;
      if (input.description !== undefined) organisation.description = input.description;
      if (input.knowHow !== undefined) organisation.knowHow = input.knowHow;
      if (input.clientReferences !== undefined) organisation.clientReferences = input.clientReferences;
      if (input.descriptionVisibility) organisation.descriptionVisibility = input.descriptionVisibility;
      if (input.knowHowVisibility) organisation.knowHowVisibility = input.knowHowVisibility;
      if (input.clientReferencesVisibility) organisation.clientReferencesVisibility = input.clientReferencesVisibility;
      const saved = await tx.save(organisation);
      await this.outbox.record(tx, {
        topic: Topic.OrganisationUpdated,
        key: saved.id,
        schema: OrganisationUpdatedSchema,
        message: {
          organisationId: saved.id,
          legalName: saved.legalName,
          tradingName: saved.tradingName ?? '',
          nafCode: saved.nafCode,
          sizeBand: WIRE_SIZE_BAND[saved.sizeBand],
          tier: saved.tier,
        },
        trace: newTrace(ctx.correlationId),
      });
      return saved;
    });
  }

  async findById(id: string): Promise<Organisation | null> {
    return this.dataSource.getRepository(Organisation).findOneBy({ id });
  }

  /** One statement for every organisation a request references; ids that are not UUIDs match nothing. */
  async findByIds(ids: string[]): Promise<Map<string, Organisation>> {
    const valid = ids.filter(isUuid);
    if (valid.length === 0) return new Map();
    const rows = await this.dataSource.getRepository(Organisation).findBy({ id: In(valid) });
    return new Map(rows.map((o) => [o.id, o]));
  }

  /** Keyset pagination by (legal name, id): stable under concurrent inserts, no OFFSET scans. */
  async list(first: number, after: string | null): Promise<OrganisationPage> {
    const qb = this.dataSource
      .getRepository(Organisation)
      .createQueryBuilder('o')
      .orderBy('o.legal_name', 'ASC')
      .addOrderBy('o.id', 'ASC')
      .limit(first + 1);
    if (after) {
      const [name, id] = decodeCursor(after);
      qb.where('(o.legal_name, o.id) > (:name, :id)', { name, id });
    }
    const rows = await qb.getMany();
    const items = rows.slice(0, first);
    const last = items.at(-1);
    return {
      items,
      hasNextPage: rows.length > first,
      endCursor: last ? encodeCursor(last) : null,
    };
  }

  private async lockOrFail(tx: EntityManager, id: string): Promise<Organisation> {
    const organisation = await tx
      .getRepository(Organisation)
      .createQueryBuilder('o')
      .setLock('pessimistic_write')
      .where('o.id = :id', { id })
      .getOne();
    if (!organisation) throw new NotFoundError('organisation', id);
    return organisation;
  }

  private translateUniqueViolation(error: unknown, siren: string): never {
    // Two registrations racing past the existence checks: the unique index decides.
    if ((error as { code?: string }).code === '23505') {
      throw new ConflictError('input.siren', `an organisation with SIREN ${siren} is already registered`);
    }
    throw error;
  }
}

export function encodeCursor(o: Pick<Organisation, 'legalName' | 'id'>): string {
  return Buffer.from(JSON.stringify([o.legalName, o.id])).toString('base64url');
}

function decodeCursor(cursor: string): [string, string] {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(value) && value.length === 2 && value.every((v) => typeof v === 'string')) {
      return value as [string, string];
    }
  } catch {
    // fall through
  }
  throw new BadInputError([{ field: 'after', reason: 'not a cursor returned by this API' }]);
}
