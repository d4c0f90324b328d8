import { createHash } from 'node:crypto';
import { mulberry32 } from '@rim/seeded-random';
import { luhnValid } from '../organisations/siren';
import { SizeBand } from '../organisations/organisation.entity';
import { h3Cells } from '../geo/geo';
import { referenceData, type CommuneInfo } from '../reference/reference-data';

/**
 * A deterministic synthetic territory: the same seed always gives the same organisations, sites,
 * capabilities and spare capacity, on real communes of the Grenoble – Isère "Territoire d'industrie"
 * and its neighbours. Used for the demo (300 organisations) and the search benchmark (100 000).
 */
export interface GeneratedOrganisation {
  id: string;
  siren: string;
  legalName: string;
  tradingName: string | null;
  nafCode: string;
  sizeBand: SizeBand;
  tier: number;
  description: string;
}

export interface GeneratedSite {
  id: string;
  organisationId: string;
  siret: string;
  name: string;
  addressLine: string;
  postcode: string;
  commune: CommuneInfo;
  latitude: number;
  longitude: number;
  h3: { r5: string; r7: string; r9: string };
}

export interface GeneratedCapability {
  id: string;
  organisationId: string;
  siteId: string;
  processCode: string;
  materials: string[];
  certifications: string[];
  minBatch: number;
  maxBatch: number;
  leadTimeDays: number;
}

export interface GeneratedCapacity {
  id: string;
  organisationId: string;
  siteId: string;
  processCode: string;
  quantity: number;
  windowStart: Date;
  windowEnd: Date;
}

export interface Territory {
  organisations: GeneratedOrganisation[];
  sites: GeneratedSite[];
  capabilities: GeneratedCapability[];
  capacities: GeneratedCapacity[];
}

function startOfToday(): Date {
  const d = new Date();
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));
}

/** A stable UUID (v4 layout) derived from a name, so re-seeding finds the same rows. */
export function stableUuid(name: string): string {
  const h = createHash('sha256').update(name).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${((parseInt(h[16], 16) & 3) | 8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

function withCheckDigit(prefix: string): string {
  for (let d = 0; d <= 9; d++) if (luhnValid(prefix + d)) return prefix + d;
  throw new Error('unreachable: one digit always completes a Luhn number');
}

// Each sector: NAF code, processes it runs, materials, usual certifications.
const SECTORS = [
  { naf: '25.62B', word: 'Mécanique', processes: ['cnc-milling', 'cnc-turning', 'grinding'], materials: ['steel', 'stainless steel', 'aluminium', 'titanium'], certs: ['ISO 9001', 'EN 9100'] },
  { naf: '25.50A', word: 'Forge', processes: ['forging', 'heat-treatment', 'cnc-turning'], materials: ['steel', 'stainless steel', 'inconel'], certs: ['ISO 9001'] },
  { naf: '22.29A', word: 'Plasturgie', processes: ['injection-moulding', 'thermoforming', 'extrusion'], materials: ['polypropylene', 'abs', 'polyamide', 'peek'], certs: ['ISO 9001', 'ISO 13485'] },
  { naf: '25.11Z', word: 'Chaudronnerie', processes: ['sheet-metal', 'welding', 'laser-cutting'], materials: ['steel', 'stainless steel', 'aluminium'], certs: ['ISO 9001', 'ISO 3834'] },
  { naf: '26.12Z', word: 'Électronique', processes: ['electronics-assembly', 'cable-harness'], materials: ['fr4', 'copper'], certs: ['ISO 9001', 'IPC-A-610'] },
  { naf: '25.61Z', word: 'Traitements', processes: ['surface-treatment', 'painting', 'heat-treatment'], materials: ['steel', 'aluminium', 'zinc'], certs: ['ISO 9001', 'ISO 14001'] },
  { naf: '28.99B', word: 'Machines', processes: ['mechanical-assembly', 'welding', 'cnc-milling'], materials: ['steel', 'aluminium'], certs: ['ISO 9001'] },
  { naf: '13.92Z', word: 'Textiles', processes: ['textile-cutting', 'sewing'], materials: ['cotton', 'linen', 'polyester', 'wool'], certs: ['OEKO-TEX'] },
  { naf: '10.13B', word: 'Salaisons', processes: ['food-processing', 'packaging'], materials: ['pork', 'beef'], certs: ['IFS Food'] },
  { naf: '16.23Z', word: 'Menuiserie', processes: ['woodworking'], materials: ['oak', 'spruce', 'larch'], certs: ['PEFC'] },
  { naf: '32.50A', word: 'Dispositifs médicaux', processes: ['additive-metal', 'additive-polymer', 'cnc-milling'], materials: ['titanium', 'peek', 'cobalt-chrome'], certs: ['ISO 13485'] },
  { naf: '71.20B', word: 'Contrôle', processes: ['metrology'], materials: [], certs: ['ISO 17025'] },
] as const;

const NAMES = ['Alpes', 'Belledonne', 'Chartreuse', 'Vercors', 'Grésivaudan', 'Isère', 'Drac', 'Romanche', 'Oisans', 'Trièves', 'Matheysine', 'Bièvre', 'Voironnais', 'Dauphiné', 'Savoie', 'Rhône'];
const FORMS = ['SAS', 'SARL', 'SA', 'SASU', 'EURL'];
const STREETS = ['rue de l’Industrie', 'avenue des Martyrs', 'ZI des Iles', 'rue Ampère', 'chemin du Vercors', 'avenue Gabriel Péri', 'ZA de la Gare', 'rue Lavoisier'];

function pick<T>(rand: () => number, items: readonly T[]): T {
  return items[Math.floor(rand() * items.length)];
}

function pickSome<T>(rand: () => number, items: readonly T[], max: number): T[] {
  const chosen = new Set<T>();
  const n = 1 + Math.floor(rand() * Math.min(max, items.length));
  while (chosen.size < n) chosen.add(pick(rand, items));
  return [...chosen];
}

const KM_PER_DEGREE = 111.2;

/**
 * Where sites go: communes drawn in proportion to the square root of their population. Pure
 * population would put a third of the territory's manufacturers in Lyon, while small industrial
 * towns (Pontcharra, Rives, Allevard) hold more workshops than their size says; uniform draws put as
 * many in Allevard (4 000 inhabitants) as in Lyon.
 */
function communeSpread(communes: CommuneInfo[]): { pick(r: number): CommuneInfo } {
  const cumulative: number[] = [];
  let total = 0;
  for (const c of communes) cumulative.push((total += Math.sqrt(Math.max(c.population, 100))));
  return {
    pick: (r) => {
      const target = r * total;
      let lo = 0;
      let hi = communes.length - 1;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (cumulative[mid] > target) hi = mid;
        else lo = mid + 1;
      }
      return communes[lo];
    },
  };
}

/** Two independent standard normal values from two uniform ones (Box-Muller). */
function normalPair(u1: number, u2: number): [number, number] {
  const radius = Math.sqrt(-2 * Math.log(1 - u1)); // 1 - u1 is in (0, 1]
  return [radius * Math.cos(2 * Math.PI * u2), radius * Math.sin(2 * Math.PI * u2)];
}

/**
 * Generates `count` organisations (one site each; one in five has a second site), deterministic in
 * `seed`. SIRENs start with 9 so they stay clear of the demo users' organisations.
 */
export function generateTerritory(count: number, seed = 20261123, now = startOfToday()): Territory {
  const rand = mulberry32(seed);
  const spread = communeSpread(referenceData().demoCommunes());
  const territory: Territory = { organisations: [], sites: [], capabilities: [], capacities: [] };
  for (let i = 0; i < count; i++) {
    const sector = pick(rand, SECTORS);
    const id = stableUuid(`org:${seed}:${i}`);
    const siren = withCheckDigit(`9${String(i).padStart(7, '0')}`);
    const place = pick(rand, NAMES);
    territory.organisations.push({
      id,
      siren,
      legalName: `${sector.word} ${place} ${i} ${pick(rand, FORMS)}`,
      tradingName: rand() < 0.3 ? `${sector.word.slice(0, 4).toUpperCase()}${place.slice(0, 3).toUpperCase()}${i}` : null,
      nafCode: referenceData().nafLabel(sector.naf) ? sector.naf : '25.62B',
      sizeBand: pick(rand, [SizeBand.MICRO, SizeBand.MICRO, SizeBand.SMALL, SizeBand.SMALL, SizeBand.SMALL, SizeBand.MEDIUM, SizeBand.INTERMEDIATE]),
      tier: pick(rand, [1, 2, 2, 3, 3]),
      description: `${sector.word} : ${sector.processes.join(', ')}.`,
    });
    const siteCount = rand() < 0.2 ? 2 : 1;
    for (let s = 0; s < siteCount; s++) {
      const commune = spread.pick(rand());
      // Around the commune centre, wider for a larger town (normal scatter, Box-Muller).
      const [north, east] = normalPair(rand(), rand());
      const sigmaKm = 0.6 + Math.sqrt(commune.population) / 200;
      const latitude = commune.centre!.latitude + (north * sigmaKm) / KM_PER_DEGREE;
      const longitude = commune.centre!.longitude + (east * sigmaKm) / (KM_PER_DEGREE * Math.cos((commune.centre!.latitude * Math.PI) / 180));
      const siteId = stableUuid(`site:${seed}:${i}:${s}`);
      territory.sites.push({
        id: siteId,
        organisationId: id,
        siret: withCheckDigit(`${siren}${String(s + 1).padStart(4, '0')}`),
        name: s === 0 ? 'Siège et atelier' : 'Second atelier',
        addressLine: `${1 + Math.floor(rand() * 120)} ${pick(rand, STREETS)}`,
        postcode: `${commune.departement.padEnd(2, '0')}${String(Math.floor(rand() * 900) + 100)}`,
        commune,
        latitude,
        longitude,
        h3: h3Cells({ latitude, longitude }),
      });
      for (const processCode of pickSome(rand, sector.processes, 2)) {
        const minBatch = pick(rand, [1, 10, 40, 100, 500]);
        territory.capabilities.push({
          id: stableUuid(`cap:${seed}:${i}:${s}:${processCode}`),
          organisationId: id,
          siteId,
          processCode,
          materials: sector.materials.length ? pickSome(rand, sector.materials, 3) : [],
          certifications: rand() < 0.6 ? pickSome(rand, sector.certs, 2) : [],
          minBatch,
          maxBatch: minBatch * pick(rand, [10, 100, 1000]),
          leadTimeDays: pick(rand, [3, 5, 10, 15, 21, 30, 45]),
        });
        if (rand() < 0.35) {
          const startDay = Math.floor(rand() * 30);
          territory.capacities.push({
            id: stableUuid(`capacity:${seed}:${i}:${s}:${processCode}`),
            organisationId: id,
            siteId,
            processCode,
            quantity: pick(rand, [8, 16, 40, 80, 160]),
            windowStart: new Date(now.getTime() + startDay * 86_400_000),
            windowEnd: new Date(now.getTime() + (startDay + 7 + Math.floor(rand() * 21)) * 86_400_000),
          });
        }
      }
    }
  }
  return territory;
}
