/**
 * French names of the directory's process taxonomy codes (services/directory/data/process-taxonomy.json
 * holds the codes and English labels; a service does not read another's data). An unknown code is
 * shown as is, so a new process in the taxonomy still appears in the gaps, only unnamed.
 */
const LABELS: Record<string, string> = {
  'cnc-milling': 'Fraisage CN',
  'cnc-turning': 'Tournage CN',
  edm: 'Électroérosion',
  grinding: 'Rectification',
  'additive-metal': 'Fabrication additive métal',
  'additive-polymer': 'Fabrication additive polymère',
  'injection-moulding': 'Injection plastique',
  extrusion: 'Extrusion plastique',
  thermoforming: 'Thermoformage',
  'sheet-metal': 'Tôlerie (découpe et pliage)',
  'laser-cutting': 'Découpe laser',
  stamping: 'Emboutissage et découpage',
  welding: 'Soudage',
  forging: 'Forge',
  casting: 'Fonderie',
  'surface-treatment': 'Traitement de surface et revêtement',
  'heat-treatment': 'Traitement thermique',
  painting: 'Peinture industrielle',
  'electronics-assembly': 'Assemblage de cartes électroniques',
  'cable-harness': 'Câblage et faisceaux',
  'mechanical-assembly': 'Assemblage mécanique',
  'textile-cutting': 'Découpe textile',
  sewing: 'Confection industrielle',
  woodworking: 'Menuiserie et travail du bois',
  'food-processing': 'Transformation alimentaire',
  packaging: 'Conditionnement et emballage',
  metrology: 'Métrologie et contrôle',
};

export const processLabel = (code: string): string => LABELS[code] ?? code;
