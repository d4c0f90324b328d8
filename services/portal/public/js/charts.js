// Small SVG charts drawn by hand: three chart kinds do not justify a chart library, and SVG text
// stays readable, zoomable and reachable by screen readers (each chart has a title and a table).
import { escapeHtml, formatNumber } from './format.js';

const NS = 'http://www.w3.org/2000/svg';

function svg(width, height, label) {
  const el = document.createElementNS(NS, 'svg');
  el.setAttribute('viewBox', `0 0 ${width} ${height}`);
  el.setAttribute('class', 'chart');
  el.setAttribute('role', 'img');
  el.setAttribute('aria-label', label);
  return el;
}

function add(parent, name, attrs, text) {
  const el = document.createElementNS(NS, name);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
  if (text !== undefined) el.textContent = text;
  parent.appendChild(el);
  return el;
}

/** The same numbers as a table, folded: the accessible and copyable form of a chart. */
function dataTable(rows, headers) {
  const details = document.createElement('details');
  details.innerHTML =
    `<summary>Voir les données</summary><table><thead><tr>${headers.map((h) => `<th scope="col">${escapeHtml(h)}</th>`).join('')}</tr></thead>` +
    `<tbody>${rows.map((r) => `<tr>${r.map((c) => `<td>${escapeHtml(c)}</td>`).join('')}</tr>`).join('')}</tbody></table>`;
  return details;
}

/** Horizontal bars, one per item; a withheld item gets a hatched bar labelled as such. */
export function barChart(items, { title, indicator } = {}) {
  const figure = document.createElement('figure');
  figure.className = 'chart-figure';
  const rowHeight = 22;
  const width = 320;
  const labelWidth = 130;
  const height = Math.max(1, items.length) * rowHeight + 6;
  const max = Math.max(1, ...items.map((i) => (i.withheld ? 0 : (i.value ?? 0))));
  const chart = svg(width, height, title);
  items.forEach((item, n) => {
    const y = n * rowHeight + 3;
    const label = item.label.length > 19 ? `${item.label.slice(0, 18)}…` : item.label;
    add(chart, 'text', { x: 0, y: y + 14 }, `${item.nafSection ? `${item.nafSection} · ` : ''}${label}`).appendChild(
      Object.assign(document.createElementNS(NS, 'title'), { textContent: item.label }),
    );
    const barWidth = item.withheld ? width - labelWidth - 90 : ((width - labelWidth - 50) * (item.value ?? 0)) / max;
    add(chart, 'rect', { x: labelWidth, y: y + 3, width: Math.max(1, barWidth), height: rowHeight - 8, class: item.withheld ? 'bar withheld' : 'bar' });
    add(chart, 'text', { x: labelWidth + Math.max(1, barWidth) + 4, y: y + 14 }, item.withheld ? 'secret' : formatNumber(item.value, indicator));
  });
  figure.appendChild(chart);
  figure.appendChild(
    dataTable(
      items.map((i) => [`${i.nafSection ?? ''} ${i.label}`.trim(), i.withheld ? 'secret statistique' : formatNumber(i.value, indicator)]),
      ['Secteur', 'Valeur'],
    ),
  );
  return figure;
}

/** A daily series as a line; withheld days break the line and are shaded as secret. */
export function lineChart(points, { title, indicator } = {}) {
  const figure = document.createElement('figure');
  figure.className = 'chart-figure';
  const width = 320;
  const height = 150;
  const left = 42;
  const bottom = 22;
  const top = 8;
  const right = 8;
  const values = points.filter((p) => !p.withheld && p.value !== null).map((p) => p.value);
  const max = Math.max(...values, indicator?.unit === 'ratio' ? 1 : 1);
  const chart = svg(width, height, title);
  const x = (i) => left + ((width - left - right) * i) / Math.max(1, points.length - 1);
  const y = (v) => top + (height - top - bottom) * (1 - v / max);
  for (const tick of [0, 0.5, 1]) {
    add(chart, 'line', { x1: left, x2: width - right, y1: y(max * tick), y2: y(max * tick), class: 'grid' });
    add(chart, 'text', { x: left - 4, y: y(max * tick) + 4, 'text-anchor': 'end' }, formatNumber(max * tick, indicator === undefined ? undefined : { ...indicator, unit: indicator.unit === 'ratio' ? 'ratio' : '' }));
  }
  add(chart, 'line', { x1: left, x2: width - right, y1: y(0), y2: y(0), class: 'axis' });
  let path = '';
  points.forEach((p, i) => {
    if (p.withheld || p.value === null) {
      add(chart, 'rect', { x: x(i) - 3, y: top, width: 6, height: height - top - bottom, class: 'gap' });
      path += ' ';
      return;
    }
    path += `${path === '' || path.endsWith(' ') ? 'M' : 'L'}${x(i).toFixed(1)},${y(p.value).toFixed(1)}`;
  });
  if (path.trim()) add(chart, 'path', { d: path.trim(), class: 'line' });
  // Dots too: a young series (one or two days) has no line to see.
  const dots = points.length <= 40 ? points.map((p, i) => [p, i]) : [[points[points.length - 1], points.length - 1]];
  for (const [p, i] of dots) {
    if (!p.withheld && p.value !== null) add(chart, 'circle', { cx: x(i).toFixed(1), cy: y(p.value).toFixed(1), r: 2.5, class: 'dot' });
  }
  if (points.length > 0) {
    const day = (d) => new Date(`${d}T00:00:00Z`).toLocaleDateString('fr-FR', { day: 'numeric', month: 'short', timeZone: 'UTC' });
    add(chart, 'text', { x: left, y: height - 6 }, day(points[0].day));
    add(chart, 'text', { x: width - right, y: height - 6, 'text-anchor': 'end' }, day(points[points.length - 1].day));
  } else {
    add(chart, 'text', { x: width / 2, y: height / 2, 'text-anchor': 'middle' }, 'pas encore d’historique');
  }
  figure.appendChild(chart);
  figure.appendChild(dataTable(points.map((p) => [p.day, p.withheld ? 'secret statistique' : formatNumber(p.value, indicator)]), ['Jour', 'Valeur']));
  return figure;
}
