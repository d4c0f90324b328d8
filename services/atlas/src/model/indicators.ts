/** The indicators the atlas serves (docs/decisions/0120-atlas.md for the steps). */
export interface IndicatorDefinition {
  key: IndicatorKey;
  label: string;
  unit: string;
  /** Public indicators are served to anyone; the others only to the authority and operator roles. */
  public: boolean;
  /** Published values are multiples of this step (1 with no secrecy: exact). */
  step: number;
  /**
   * A business statistic, under statistical secrecy (3 organisations, 85 %, secondary, rounding).
   * The others are counts of public facts (a published call for tenders, a declared process) and
   * are served exact.
   */
  secrecy: boolean;
}

export const INDICATOR_KEYS = [
  'organisations',
  'sites',
  'shared_assets',
  'asset_utilisation',
  'bookings',
  'trips_posted',
  'co2_avoided_kg',
  'km_avoided',
  'spare_capacity_hours',
  'pallets_crates_pooled',
  'open_tenders',
  'tender_gaps',
  'consortia_formed',
  'awarded_value_local_eur',
] as const;
export type IndicatorKey = (typeof INDICATOR_KEYS)[number];

export interface Steps {
  count: number;
  hours: number;
  kg: number;
  km: number;
  ratio: number;
  eur: number;
}

export const DEFAULT_STEPS: Steps = { count: 5, hours: 50, kg: 100, km: 100, ratio: 0.05, eur: 5000 };

export function indicatorDefinitions(steps: Steps): IndicatorDefinition[] {
  const secret = { secrecy: true } as const;
  const exact = { secrecy: false, step: 1 } as const;
  return [
    { key: 'organisations', label: 'Établissements', unit: 'établissements', public: true, step: steps.count, ...secret },
    { key: 'sites', label: 'Sites', unit: 'sites', public: true, step: steps.count, ...secret },
    { key: 'shared_assets', label: 'Équipements partagés', unit: 'équipements', public: true, step: steps.count, ...secret },
    { key: 'asset_utilisation', label: 'Taux d’utilisation des équipements (30 jours)', unit: 'ratio', public: false, step: steps.ratio, ...secret },
    { key: 'bookings', label: 'Réservations', unit: 'réservations', public: false, step: steps.count, ...secret },
    { key: 'trips_posted', label: 'Trajets proposés', unit: 'trajets', public: true, step: steps.count, ...secret },
    { key: 'co2_avoided_kg', label: 'CO₂ évité', unit: 'kg CO₂e', public: true, step: steps.kg, ...secret },
    { key: 'km_avoided', label: 'Kilomètres évités', unit: 'km', public: true, step: steps.km, ...secret },
    { key: 'spare_capacity_hours', label: 'Capacité disponible déclarée', unit: 'heures', public: false, step: steps.hours, ...secret },
    { key: 'pallets_crates_pooled', label: 'Palettes et caisses mutualisées', unit: 'palettes et caisses', public: true, step: steps.count, ...secret },
    { key: 'open_tenders', label: 'Appels d’offres ouverts', unit: 'appels d’offres', public: true, ...exact },
    { key: 'tender_gaps', label: 'Procédés demandés sans fournisseur local', unit: 'procédés', public: true, ...exact },
    { key: 'consortia_formed', label: 'Groupements d’entreprises formés', unit: 'groupements', public: true, step: steps.count, ...secret },
    { key: 'awarded_value_local_eur', label: 'Marchés remportés par les fournisseurs du territoire', unit: '€', public: false, step: steps.eur, ...secret },
  ];
}

/** NAF rév. 2 sections by division (the first two digits of the code). */
const SECTIONS: [string, number, number, string][] = [
  ['A', 1, 3, 'Agriculture, sylviculture et pêche'],
  ['B', 5, 9, 'Industries extractives'],
  ['C', 10, 33, 'Industrie manufacturière'],
  ['D', 35, 35, 'Électricité, gaz, vapeur et air conditionné'],
  ['E', 36, 39, 'Eau, assainissement, déchets et dépollution'],
  ['F', 41, 43, 'Construction'],
  ['G', 45, 47, 'Commerce ; réparation d’automobiles et de motocycles'],
  ['H', 49, 53, 'Transports et entreposage'],
  ['I', 55, 56, 'Hébergement et restauration'],
  ['J', 58, 63, 'Information et communication'],
  ['K', 64, 66, 'Activités financières et d’assurance'],
  ['L', 68, 68, 'Activités immobilières'],
  ['M', 69, 75, 'Activités spécialisées, scientifiques et techniques'],
  ['N', 77, 82, 'Activités de services administratifs et de soutien'],
  ['O', 84, 84, 'Administration publique'],
  ['P', 85, 85, 'Enseignement'],
  ['Q', 86, 88, 'Santé humaine et action sociale'],
  ['R', 90, 93, 'Arts, spectacles et activités récréatives'],
  ['S', 94, 96, 'Autres activités de services'],
  ['T', 97, 98, 'Activités des ménages en tant qu’employeurs'],
  ['U', 99, 99, 'Activités extra-territoriales'],
];

export function nafSection(nafCode: string): string | null {
  const division = Number(nafCode.slice(0, 2));
  if (!Number.isInteger(division)) return null;
  return SECTIONS.find(([, from, to]) => division >= from && division <= to)?.[0] ?? null;
}

export const NAF_SECTION_LABELS: ReadonlyMap<string, string> = new Map(SECTIONS.map(([s, , , label]) => [s, label]));
