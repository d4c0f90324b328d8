import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import communes from '@etalab/decoupage-administratif/data/communes.json';
import epcis from '@etalab/decoupage-administratif/data/epci.json';
import nafCodes from '@socialgouv/codes-naf';
import { territory } from '@rim/territory';

const DATA = join(__dirname, '..', '..', 'data');

export interface CommuneInfo {
  code: string;
  name: string;
  departement: string;
  region: string;
  epciSiren: string | null;
  /** Municipal population (INSEE, as published in the Etalab data); 0 when unknown. */
  population: number;
  /**
   * A point inside the commune (point on surface of its shipped polygon, @rim/territory): known for
   * every commune of Auvergne-Rhône-Alpes, null elsewhere.
   */
  centre: { latitude: number; longitude: number } | null;
}

export interface ProcessInfo {
  code: string;
  label: string;
  family: string;
}

interface CommuneRecord {
  code: string;
  nom: string;
  type: string;
  departement?: string;
  region?: string;
  population?: number;
}

/**
 * Reference data the directory validates against, loaded once: NAF rév. 2 sub-classes (INSEE, via
 * @socialgouv/codes-naf), communes and EPCIs (Etalab découpage administratif), commune centres (from
 * the boundaries shipped in @rim/territory) and
 * the process taxonomy (this service's data/ folder).
 */
export class ReferenceData {
  private readonly naf = new Map<string, string>();
  private readonly communes = new Map<string, CommuneInfo>();
  private readonly processes = new Map<string, ProcessInfo>();
  private readonly demo: string[];

  constructor() {
    for (const { id, label } of nafCodes as Array<{ id: string; label: string }>) {
      if (/^\d{2}\.\d{2}[A-Z]$/.test(id)) this.naf.set(id, label);
    }
    const epciOf = new Map<string, string>();
    for (const epci of epcis as Array<{ code: string; membres: Array<{ code: string }> }>) {
      for (const member of epci.membres) epciOf.set(member.code, epci.code);
    }
    const centreOf = new Map(territory().communes().map((c) => [c.code, { latitude: c.centre[1], longitude: c.centre[0] }]));
    const demo = JSON.parse(readFileSync(join(DATA, 'demo-communes.json'), 'utf8')) as { communes: Array<{ code: string }> };
    this.demo = demo.communes.map((c) => c.code);
    for (const c of communes as CommuneRecord[]) {
      if (c.type !== 'commune-actuelle' || !c.departement || !c.region) continue;
      this.communes.set(c.code, {
        code: c.code,
        name: c.nom,
        departement: c.departement,
        region: c.region,
        epciSiren: epciOf.get(c.code) ?? null,
        population: c.population ?? 0,
        centre: centreOf.get(c.code) ?? null,
      });
    }
    const taxonomy = JSON.parse(readFileSync(join(DATA, 'process-taxonomy.json'), 'utf8')) as { processes: ProcessInfo[] };
    for (const p of taxonomy.processes) this.processes.set(p.code, p);
  }

  nafLabel(code: string): string | undefined {
    return this.naf.get(code);
  }

  commune(code: string): CommuneInfo | undefined {
    return this.communes.get(code);
  }

  process(code: string): ProcessInfo | undefined {
    return this.processes.get(code);
  }

  allProcesses(): ProcessInfo[] {
    return [...this.processes.values()];
  }

  /** The communes where the demo seed places its organisations (data/demo-communes.json). */
  demoCommunes(): CommuneInfo[] {
    return this.demo.map((code) => this.communes.get(code)).filter((c): c is CommuneInfo => !!c?.centre);
  }

  allCommunes(): CommuneInfo[] {
    return [...this.communes.values()];
  }
}

let shared: ReferenceData | null = null;

/** The process-wide reference data, loaded on first use (validators need it outside Nest's DI). */
export function referenceData(): ReferenceData {
  shared ??= new ReferenceData();
  return shared;
}
