import { create } from '@bufbuild/protobuf';
import { SiteAddedSchema } from '@rim/contracts';
import type { EntityManager } from 'typeorm';
import { eventTime, knownSiteFields, rememberOrganisationName } from './index';

// The statement's behaviour against Postgres (older names never win) is checked by the services'
// integration suites (booking's federation-entities spec); here, what each service's table gets.
function recordingTx(): { tx: EntityManager; statements: Array<{ sql: string; params: unknown[] }> } {
  const statements: Array<{ sql: string; params: unknown[] }> = [];
  return { statements, tx: { query: async (sql: string, params: unknown[]) => void statements.push({ sql, params }) } as unknown as EntityManager };
}

describe('directory copy', () => {
  it("the event's time is when the name holds; an event without time counts as now", () => {
    expect(eventTime({ time: '2026-01-02T03:04:05Z' }).toISOString()).toBe('2026-01-02T03:04:05.000Z');
    const before = Date.now();
    expect(eventTime({ time: '' }).getTime()).toBeGreaterThanOrEqual(before);
  });

  it('writes registered_at only for a copy that keeps it, and guards the name by legal_name_at in both', async () => {
    const name = { organisationId: 'o-1', legalName: 'Forges des Alpes' };
    const withDate = recordingTx();
    await rememberOrganisationName(withDate.tx, name, { time: '2026-01-02T00:00:00Z' }, { keepsRegistrationDate: true });
    const without = recordingTx();
    await rememberOrganisationName(without.tx, name, { time: '2026-01-02T00:00:00Z' }, { keepsRegistrationDate: false });
    expect(withDate.statements[0].sql).toContain('(id, legal_name, registered_at, legal_name_at)');
    expect(without.statements[0].sql).toContain('(id, legal_name, legal_name_at)');
    expect(without.statements[0].sql).not.toContain('registered_at');
    for (const { statements } of [withDate, without]) {
      expect(statements[0].sql).toContain('WHERE known_organisation.legal_name_at <= EXCLUDED.legal_name_at');
      expect(statements[0].params).toEqual(['o-1', 'Forges des Alpes', new Date('2026-01-02T00:00:00Z')]);
    }
  });

  it("a site's common fields, with null coordinates when the directory sent no location", () => {
    const located = create(SiteAddedSchema, { siteId: 's-1', organisationId: 'o-1', name: 'Atelier', location: { latitude: 45.2, longitude: 5.7 } });
    expect(knownSiteFields(located)).toEqual({ id: 's-1', organisationId: 'o-1', name: 'Atelier', latitude: 45.2, longitude: 5.7 });
    const unlocated = create(SiteAddedSchema, { siteId: 's-2', organisationId: 'o-1', name: 'Dépôt' });
    expect(knownSiteFields(unlocated)).toMatchObject({ latitude: null, longitude: null });
  });
});
