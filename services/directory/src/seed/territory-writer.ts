import type { DataSource, EntityManager } from 'typeorm';
import {
  CapabilitiesUpdatedSchema,
  CapacityDeclaredSchema,
  OrganisationRegisteredSchema,
  SiteAddedSchema,
  SizeBand as WireSizeBand,
  Topic,
} from '@rim/contracts';
import { newTrace, type OutboxWriter } from '@rim/messaging';
import { Capability } from '../capabilities/capability.entity';
import { CapacityUnit, SpareCapacity } from '../capacity/spare-capacity.entity';
import { Organisation } from '../organisations/organisation.entity';
import { Site } from '../sites/site.entity';
import type { Territory } from './territory-generator';

const BATCH = 500;

async function inBatches<T>(rows: T[], write: (batch: T[]) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < rows.length; i += BATCH) await write(rows.slice(i, i + BATCH));
}

/**
 * Writes a generated territory, skipping rows that exist (re-seeding is harmless). With an outbox,
 * every organisation, site, capability set and capacity is also announced, as if registered by
 * hand, so the other services and the map receive the demo territory too.
 */
export async function writeTerritory(dataSource: DataSource, territory: Territory, outbox?: OutboxWriter): Promise<number> {
  return dataSource.transaction(async (tx) => {
    const existing = new Set(
      (await tx.query(`SELECT id FROM organisation WHERE id = ANY($1::uuid[])`, [territory.organisations.map((o) => o.id)])).map(
        (r: { id: string }) => r.id,
      ),
    );
    const fresh = (organisationId: string) => !existing.has(organisationId);
    const organisations = territory.organisations.filter((o) => fresh(o.id));
    const sites = territory.sites.filter((s) => fresh(s.organisationId));
    const capabilities = territory.capabilities.filter((c) => fresh(c.organisationId));
    const capacities = territory.capacities.filter((c) => fresh(c.organisationId));
    await inBatches(organisations, (b) => tx.insert(Organisation, b.map((o) => ({ ...o }))));
    await inBatches(sites, (b) =>
      tx.insert(
        Site,
        b.map((s) => ({
          id: s.id,
          organisationId: s.organisationId,
          siret: s.siret,
          name: s.name,
          addressLine: s.addressLine,
          postcode: s.postcode,
          communeInsee: s.commune.code,
          epciSiren: s.commune.epciSiren,
          departement: s.commune.departement,
          region: s.commune.region,
          latitude: s.latitude,
          longitude: s.longitude,
          h3R5: s.h3.r5,
          h3R7: s.h3.r7,
          h3R9: s.h3.r9,
        })),
      ),
    );
    await inBatches(capabilities, (b) => tx.insert(Capability, b));
    await inBatches(capacities, (b) =>
      tx.insert(SpareCapacity, b.map((c) => ({ ...c, unit: CapacityUnit.HOURS, expiresAt: c.windowEnd }))),
    );
    if (outbox) await announce(tx, outbox, { organisations, sites, capabilities, capacities });
    return organisations.length;
  });
}

const WIRE_SIZE: Record<string, WireSizeBand> = {
  MICRO: WireSizeBand.MICRO,
  SMALL: WireSizeBand.SMALL,
  MEDIUM: WireSizeBand.MEDIUM,
  INTERMEDIATE: WireSizeBand.INTERMEDIATE,
  LARGE: WireSizeBand.LARGE,
};

async function announce(tx: EntityManager, outbox: OutboxWriter, t: Territory): Promise<void> {
  const trace = newTrace();
  for (const o of t.organisations) {
    await outbox.record(tx, {
      topic: Topic.OrganisationRegistered,
      key: o.id,
      schema: OrganisationRegisteredSchema,
      message: { organisationId: o.id, siren: o.siren, legalName: o.legalName, tradingName: o.tradingName ?? '', nafCode: o.nafCode, sizeBand: WIRE_SIZE[o.sizeBand], tier: o.tier },
      trace,
    });
  }
  for (const s of t.sites) {
    await outbox.record(tx, {
      topic: Topic.SiteAdded,
      key: s.organisationId,
      schema: SiteAddedSchema,
      message: {
        siteId: s.id,
        organisationId: s.organisationId,
        siret: s.siret,
        name: s.name,
        location: {
          latitude: s.latitude,
          longitude: s.longitude,
          communeInsee: s.commune.code,
          epciSiren: s.commune.epciSiren ?? '',
          departement: s.commune.departement,
          region: s.commune.region,
          h3R7: s.h3.r7,
          h3R9: s.h3.r9,
        },
      },
      trace,
    });
  }
  const bySite = new Map<string, typeof t.capabilities>();
  for (const c of t.capabilities) bySite.set(c.siteId, [...(bySite.get(c.siteId) ?? []), c]);
  for (const [siteId, caps] of bySite) {
    await outbox.record(tx, {
      topic: Topic.CapabilitiesUpdated,
      key: caps[0].organisationId,
      schema: CapabilitiesUpdatedSchema,
      message: {
        organisationId: caps[0].organisationId,
        siteId,
        capabilities: caps.map(({ processCode, materials, certifications, minBatch, maxBatch, leadTimeDays }) => ({
          processCode,
          materials,
          certifications,
          minBatch,
          maxBatch,
          leadTimeDays,
        })),
      },
      trace,
    });
  }
  for (const c of t.capacities) {
    await outbox.record(tx, {
      topic: Topic.CapacityDeclared,
      key: c.organisationId,
      schema: CapacityDeclaredSchema,
      message: {
        capacityId: c.id,
        organisationId: c.organisationId,
        siteId: c.siteId,
        processCode: c.processCode,
        quantity: c.quantity,
        unit: 'hours',
        windowStart: c.windowStart.toISOString(),
        windowEnd: c.windowEnd.toISOString(),
      },
      trace,
    });
  }
}
