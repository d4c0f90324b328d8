/**
 * Builds the boundaries the project ships (libs/territory/data/) from the copies in infra/geo/source/
 * (see infra/geo/README.md for their provenance and licence). Re-runnable; the output is
 * deterministic, so a re-run on unchanged inputs leaves git clean.
 *
 *   node_modules/.bin/node -r @swc-node/register scripts/geo/build-boundaries.ts
 *
 * Steps: communes of Auvergne-Rhône-Alpes (2018 codes) re-keyed to today's INSEE codes with
 * @etalab/decoupage-administratif (a commune nouvelle is the union of the 2018 communes it merged);
 * EPCI polygons as the union of their member communes; a point-on-surface centre for every area;
 * coordinates quantized to 1e-4 degree (about 8 m east-west, 11 m north-south here) so the files
 * are small enough to commit while neighbours still share vertices exactly.
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  dissolve,
  pointOnSurface,
  polygonsOf,
  quantizeRing,
  signedArea,
  simplifyTiling,
  type AreaGeometry,
  type Position,
} from '@rim/territory';

const REGION = '84';
const DECIMALS = 4;
/** Douglas-Peucker tolerance in degrees (about 50 m): finer than a commune map needs at region scale. */
const TOLERANCE = 0.0015;
const root = join(__dirname, '..', '..');
const source = join(root, 'infra', 'geo', 'source');
const out = join(root, 'libs', 'territory', 'data');

interface SourceFeature {
  properties: { code: string; nom: string };
  geometry: AreaGeometry;
}
interface CogCommune {
  code: string;
  nom: string;
  type: string;
  departement: string;
  region: string;
  chefLieu?: string;
  anciensCodes?: string[];
  population?: number;
}
interface CogEpci {
  code: string;
  nom: string;
  type: string;
  membres: { code: string }[];
}

const readJson = <T>(path: string): T => JSON.parse(readFileSync(path, 'utf8')) as T;
const cog = (name: string): string => require.resolve(`@etalab/decoupage-administratif/data/${name}.json`);

function quantize(geometry: AreaGeometry): AreaGeometry | null {
  const polygons = polygonsOf(geometry)
    .map((polygon) => polygon.map((ring) => quantizeRing(ring, DECIMALS)).filter((ring) => ring.length >= 4 && signedArea(ring) !== 0))
    .filter((polygon) => polygon.length > 0);
  if (polygons.length === 0) return null;
  return polygons.length === 1 ? { type: 'Polygon', coordinates: polygons[0]! } : { type: 'MultiPolygon', coordinates: polygons };
}

const round = (p: Position): Position => [Number(p[0].toFixed(5)), Number(p[1].toFixed(5))];

function featureCollection(features: object[]): string {
  // One feature a line: diffs stay readable when the sources change.
  return `{"type":"FeatureCollection","features":[\n${features.map((f) => JSON.stringify(f)).join(',\n')}\n]}\n`;
}

function main(): void {
  const communes = readJson<CogCommune[]>(cog('communes'));
  const epcis = readJson<CogEpci[]>(cog('epci'));
  const current = new Map(communes.filter((c) => c.type === 'commune-actuelle').map((c) => [c.code, c]));
  const delegated = new Map(communes.filter((c) => c.type !== 'commune-actuelle' && c.chefLieu).map((c) => [c.code, c.chefLieu!]));
  const formerly = new Map<string, string>();
  for (const c of current.values()) for (const old of c.anciensCodes ?? []) formerly.set(old, c.code);
  const today = (code2018: string): string | undefined =>
    current.has(code2018) ? code2018 : (delegated.get(code2018) ?? formerly.get(code2018));

  const pieces = new Map<string, AreaGeometry[]>();
  const unknown: string[] = [];
  const dir = join(source, 'communes-auvergne-rhone-alpes');
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.geojson')).sort()) {
    for (const feature of readJson<{ features: SourceFeature[] }>(join(dir, file)).features) {
      const code = today(feature.properties.code);
      const geometry = quantize(feature.geometry);
      if (!code || !geometry) {
        unknown.push(feature.properties.code);
        continue;
      }
      pieces.set(code, [...(pieces.get(code) ?? []), geometry]);
    }
  }
  const epciOf = new Map<string, CogEpci>();
  for (const e of epcis) for (const m of e.membres) epciOf.set(m.code, e);

  const merged = new Map<string, AreaGeometry>();
  for (const code of [...pieces.keys()].sort()) {
    if (current.get(code)!.region !== REGION) continue;
    const parts = pieces.get(code)!;
    merged.set(code, parts.length === 1 ? parts[0]! : dissolve(parts));
  }
  const communeGeometry = simplifyTiling(merged, TOLERANCE);
  const communeFeatures: object[] = [];
  for (const [code, geometry] of communeGeometry) {
    const info = current.get(code)!;
    const epci = epciOf.get(code);
    communeFeatures.push({
      type: 'Feature',
      id: code,
      properties: {
        code,
        name: info.nom,
        epci: epci?.code ?? null,
        departement: info.departement,
        region: info.region,
        population: info.population ?? null,
        centre: round(pointOnSurface(geometry)),
      },
      geometry,
    });
  }
  const missing = [...current.values()].filter((c) => c.region === REGION && !communeGeometry.has(c.code)).map((c) => c.code);

  const epciFeatures: object[] = [];
  const byEpci = new Map<string, string[]>();
  for (const code of communeGeometry.keys()) {
    const e = epciOf.get(code);
    if (e) byEpci.set(e.code, [...(byEpci.get(e.code) ?? []), code]);
  }
  for (const [code, members] of [...byEpci].sort(([a], [b]) => a.localeCompare(b))) {
    const e = epcis.find((x) => x.code === code)!;
    const geometry = dissolve(members.map((m) => communeGeometry.get(m)!));
    const departements = [...new Set(members.map((m) => current.get(m)!.departement))].sort();
    epciFeatures.push({
      type: 'Feature',
      id: code,
      properties: {
        code,
        name: e.nom,
        kind: e.type,
        departements,
        region: REGION,
        communes: members.length,
        // An EPCI reaching into a neighbouring région is drawn by its communes of this one only.
        partial: members.length < e.membres.length,
        centre: round(pointOnSurface(geometry)),
      },
      geometry,
    });
  }

  const departementsOfRegion = new Set([...current.values()].filter((c) => c.region === REGION).map((c) => c.departement));
  const simple = (file: string, keep: (code: string) => boolean, extra: (code: string) => object): object[] =>
    readJson<{ features: SourceFeature[] }>(join(source, file))
      .features.filter((f) => keep(f.properties.code))
      .map((f) => {
        const geometry = quantize(f.geometry)!;
        return {
          type: 'Feature',
          id: f.properties.code,
          properties: { code: f.properties.code, name: f.properties.nom, ...extra(f.properties.code), centre: round(pointOnSurface(geometry)) },
          geometry,
        };
      })
      .sort((a, b) => String(a.id).localeCompare(String(b.id)));

  const departementFeatures = simple('departements-version-simplifiee.geojson', (c) => departementsOfRegion.has(c), () => ({ region: REGION }));
  const regionFeatures = simple('regions-version-simplifiee.geojson', (c) => c === REGION, () => ({}));

  mkdirSync(out, { recursive: true });
  writeFileSync(join(out, 'communes.geojson'), featureCollection(communeFeatures));
  writeFileSync(join(out, 'epci.geojson'), featureCollection(epciFeatures));
  writeFileSync(join(out, 'departements.geojson'), featureCollection(departementFeatures));
  writeFileSync(join(out, 'regions.geojson'), featureCollection(regionFeatures));
  console.log(
    `communes ${communeFeatures.length} (source codes not found today: ${unknown.length}; communes of today without a polygon: ${missing.length} ${missing.slice(0, 10).join(' ')}), ` +
      `EPCI ${epciFeatures.length}, départements ${departementFeatures.length}, régions ${regionFeatures.length}`,
  );
}

main();
