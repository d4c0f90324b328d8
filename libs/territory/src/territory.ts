import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { bbox, geometryContains, type AreaGeometry, type Position } from './geometry';

/** The administrative levels the project ships boundaries for, smallest last. */
export const ADMIN_LEVELS = ['region', 'departement', 'epci', 'commune'] as const;
export type AdminLevel = (typeof ADMIN_LEVELS)[number];

export interface Area {
  level: AdminLevel;
  code: string;
  name: string;
  /** Point on surface, [longitude, latitude]: inside the area even when it is crescent-shaped. */
  centre: Position;
  geometry: AreaGeometry;
}

export interface Commune extends Area {
  level: 'commune';
  epci: string | null;
  departement: string;
  region: string;
  population: number | null;
}

interface FileFeature {
  id: string;
  properties: { code: string; name: string; centre: Position; epci?: string | null; departement?: string; region?: string; population?: number | null };
  geometry: AreaGeometry;
}

const FILES: Record<AdminLevel, string> = {
  region: 'regions.geojson',
  departement: 'departements.geojson',
  epci: 'epci.geojson',
  commune: 'communes.geojson',
};

/**
 * The boundaries of Auvergne-Rhône-Alpes shipped in libs/territory/data (built by
 * scripts/geo/build-boundaries.ts): communes under today's INSEE codes, EPCI, départements, région,
 * each with its centre. Loaded once, lazily; about 4 MB of GeoJSON.
 *
 * @example
 * const t = territory();
 * t.commune('38185')?.epci; // '200040715' (Grenoble-Alpes Métropole)
 * t.locate(45.19, 5.72)?.code; // '38185'
 */
export class Territory {
  private readonly byLevel = new Map<AdminLevel, Map<string, Area>>();
  private readonly boxes: { commune: Commune; box: [number, number, number, number] }[] = [];

  constructor(dataDir = join(__dirname, '..', 'data')) {
    for (const level of ADMIN_LEVELS) {
      const features = (JSON.parse(readFileSync(join(dataDir, FILES[level]), 'utf8')) as { features: FileFeature[] }).features;
      const areas = new Map<string, Area>();
      for (const f of features) {
        const p = f.properties;
        const base = { level, code: p.code, name: p.name, centre: p.centre, geometry: f.geometry };
        const area: Area =
          level === 'commune'
            ? ({ ...base, level, epci: p.epci ?? null, departement: p.departement!, region: p.region!, population: p.population ?? null } as Commune)
            : base;
        areas.set(p.code, area);
        if (level === 'commune') this.boxes.push({ commune: area as Commune, box: bbox(f.geometry) });
      }
      this.byLevel.set(level, areas);
    }
  }

  areas(level: AdminLevel): Area[] {
    return [...this.byLevel.get(level)!.values()];
  }

  area(level: AdminLevel, code: string): Area | undefined {
    return this.byLevel.get(level)!.get(code);
  }

  commune(code: string): Commune | undefined {
    return this.byLevel.get('commune')!.get(code) as Commune | undefined;
  }

  communes(): Commune[] {
    return this.areas('commune') as Commune[];
  }

  /** The commune containing a WGS84 point, or undefined outside the région. */
  locate(latitude: number, longitude: number): Commune | undefined {
    const point: Position = [longitude, latitude];
    for (const { commune, box } of this.boxes) {
      if (longitude < box[0] || longitude > box[2] || latitude < box[1] || latitude > box[3]) continue;
      if (geometryContains(commune.geometry, point)) return commune;
    }
    return undefined;
  }

  /** The code of the area of `level` a commune belongs to (its own code for `commune`). */
  parentOf(commune: Commune, level: AdminLevel): string | null {
    switch (level) {
      case 'commune':
        return commune.code;
      case 'epci':
        return commune.epci;
      case 'departement':
        return commune.departement;
      case 'region':
        return commune.region;
    }
  }
}

let shared: Territory | undefined;

/** The process-wide territory, loaded on first use. */
export function territory(): Territory {
  shared ??= new Territory();
  return shared;
}
