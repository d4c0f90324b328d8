// Classes, colours and French number formatting shared by the map, the legend and the charts.

/** Sequential ramp (ColorBrewer YlGnBu, 5 classes): distinguishable in print and by most colour-blind readers. */
export const RAMP = ['#ffffcc', '#a1dab4', '#41b6c4', '#2c7fb8', '#253494'];

const integer = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 0 });
const decimal = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 1 });
const percent = new Intl.NumberFormat('fr-FR', { style: 'percent', maximumFractionDigits: 0 });

export const WITHHELD_REASONS = {
  'fewer-than-3': 'moins de 3 établissements',
  'dominance-85': 'un établissement pèse 85 % ou plus',
  secondary: 'secret secondaire (protège une case voisine)',
};

export function isRatio(indicator) {
  return indicator?.unit === 'ratio' || indicator?.key === 'asset_utilisation';
}

/** A value as a French reader expects it, with its unit. */
export function formatValue(value, indicator) {
  if (value === null || value === undefined) return 'secret statistique';
  if (isRatio(indicator)) return percent.format(value);
  const text = Number.isInteger(value) ? integer.format(value) : decimal.format(value);
  return indicator?.unit ? `${text} ${indicator.unit}` : text;
}

export function formatNumber(value, indicator) {
  if (value === null || value === undefined) return '—';
  if (isRatio(indicator)) return percent.format(value);
  return Number.isInteger(value) ? integer.format(value) : decimal.format(value);
}

/**
 * Upper bounds of up to five classes by quantiles of the published values (withheld cells take no
 * part). Fewer distinct values give fewer classes, never two classes with the same bounds.
 */
export function classBreaks(values, count = RAMP.length) {
  const sorted = values.filter((v) => typeof v === 'number' && Number.isFinite(v)).sort((a, b) => a - b);
  if (sorted.length === 0) return { min: null, breaks: [] };
  const breaks = [];
  for (let i = 1; i <= count; i += 1) {
    const at = Math.min(sorted.length - 1, Math.ceil((i * sorted.length) / count) - 1);
    const bound = sorted[at];
    if (breaks.length === 0 || bound > breaks[breaks.length - 1]) breaks.push(bound);
  }
  return { min: sorted[0], breaks };
}

export function classOf(value, classes) {
  if (value === null || value === undefined || !classes?.breaks?.length) return -1;
  const index = classes.breaks.findIndex((bound) => value <= bound);
  return index === -1 ? classes.breaks.length - 1 : index;
}

/** The ramp spread over however many classes there are (1 to 5). */
export function colourOf(index, classCount) {
  if (index < 0) return null;
  if (classCount >= RAMP.length) return RAMP[index];
  const step = (RAMP.length - 1) / Math.max(1, classCount - 1);
  return RAMP[Math.round(classCount === 1 ? RAMP.length - 1 : index * step)];
}

export function escapeHtml(text) {
  return String(text).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);
}
