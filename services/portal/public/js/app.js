// The map page: choropleth by level and indicator, flows, the selected area's dashboard, and live
// updates from the atlas's event stream. Everything comes from this origin (/atlas/* is forwarded).
import * as L from '/vendor/leaflet/leaflet-src.esm.js';
import { Auth } from './auth.js';
import { barChart, lineChart } from './charts.js';
import { classBreaks, classOf, colourOf, escapeHtml, formatNumber, formatValue, isRatio, WITHHELD_REASONS } from './format.js';

const LEVEL_LABELS = {
  region: 'Région',
  departement: 'Département',
  epci: 'Intercommunalité',
  commune: 'Commune',
  h3r5: 'Maille H3 r5',
  h3r7: 'Maille H3 r7',
};
const PRIVILEGED = ['authority', 'operator'];
const LIST_LIMIT = 300;

const $ = (id) => document.getElementById(id);
const state = {
  config: null,
  auth: null,
  indicators: [],
  level: 'epci',
  indicator: 'organisations',
  layer: null,
  features: new Map(), // code -> Leaflet layer
  classes: { breaks: [] },
  selected: null, // { level, code }
  area: null, // last dashboard payload
  flows: null,
  stream: null,
  loadSeq: 0,
  // Updates that arrive while a layer or a dashboard is being fetched wait for it, then apply in
  // order: otherwise one landing between the request and the drawing would be lost.
  loading: 0,
  queued: [],
};

function beginLoad() {
  state.loading += 1;
}

function endLoad() {
  state.loading -= 1;
  if (state.loading > 0) return;
  const queued = state.queued.splice(0);
  for (const update of queued) onUpdate(update);
}

const map = L.map('map', {
  // SVG, not canvas: each area is a DOM element (CSS hatch for secrecy, focus, test counting).
  renderer: L.svg({ padding: 0.3 }),
  zoomSnap: 0.25,
  minZoom: 6,
  maxZoom: 13,
  attributionControl: true,
});
map.attributionControl.setPrefix(false).addAttribution('Contours : IGN Admin Express, Etalab (Licence Ouverte 2.0)');
map.setView([45.5, 4.6], 7);
map.createPane('flows').style.zIndex = 450;
map.createPane('outline').style.zIndex = 420;
map.getPane('outline').style.pointerEvents = 'none';

function showAlert(message) {
  const alert = $('alert');
  alert.textContent = message;
  alert.hidden = !message;
}

function announce(message) {
  $('live').textContent = message;
  clearTimeout(announce.timer);
  announce.timer = setTimeout(() => ($('live').textContent = ''), 8_000);
}

async function atlas(path) {
  const headers = { accept: 'application/json' };
  if (state.auth?.token) headers.authorization = `Bearer ${state.auth.token}`;
  const response = await fetch(`/atlas${path}`, { headers });
  const body = await response.json().catch(() => null);
  if (!response.ok) {
    const reason = body?.error ?? `erreur ${response.status}`;
    const error = new Error(response.status === 403 ? `indicateur réservé aux collectivités et à l’opérateur (${reason})` : `l’atlas a refusé la demande : ${reason}${body?.field ? ` (${body.field})` : ''}`);
    error.status = response.status;
    throw error;
  }
  return body;
}

function privileged() {
  return (state.auth?.user?.roles ?? []).some((r) => PRIVILEGED.includes(r));
}

function currentIndicator() {
  return state.indicators.find((i) => i.key === state.indicator) ?? { key: state.indicator, label: state.indicator, unit: '' };
}

// ---------- session ----------

function renderSession() {
  const user = state.auth.user;
  $('who').textContent = user
    ? `${user.name} (${user.roles.filter((r) => ['authority', 'operator', 'org-admin', 'member', 'buyer', 'carrier'].includes(r)).join(', ') || 'sans rôle'})`
    : 'Non connecté·e : indicateurs publics seulement';
  $('sign-in').hidden = Boolean(user);
  $('sign-out').hidden = !user;
}

// ---------- indicators ----------

function renderIndicatorPicker() {
  const select = $('indicator');
  const allowed = privileged();
  select.innerHTML = '';
  for (const indicator of state.indicators) {
    const option = document.createElement('option');
    option.value = indicator.key;
    option.textContent = indicator.public || allowed ? indicator.label : `${indicator.label} (réservé aux collectivités)`;
    option.disabled = !indicator.public && !allowed;
    select.appendChild(option);
  }
  if (!state.indicators.some((i) => i.key === state.indicator && (i.public || allowed))) state.indicator = 'organisations';
  select.value = state.indicator;
  $('indicator-hint').textContent = allowed ? '' : 'Connectez-vous avec un compte de collectivité pour les indicateurs réservés.';
}

// ---------- choropleth ----------

function styleOf(props) {
  if (props.withheld) return { className: 'area area--withheld', fillColor: '#d9d9d9', fillOpacity: 1, color: '#6b6b6b', weight: 0.6 };
  const colour = colourOf(classOf(props.value, state.classes), state.classes.breaks.length) ?? '#ffffff';
  return { className: 'area', fillColor: colour, fillOpacity: 0.9, color: '#ffffff', weight: 0.6 };
}

function tooltipOf(props) {
  const indicator = currentIndicator();
  const value = props.withheld
    ? `<em>secret statistique</em>${props.withheldReason ? ` : ${escapeHtml(WITHHELD_REASONS[props.withheldReason] ?? props.withheldReason)}` : ''}`
    : escapeHtml(formatValue(props.value, indicator));
  return `<strong>${escapeHtml(props.name)}</strong><br>${escapeHtml(indicator.label)} : ${value}`;
}

function applyStyle(layer) {
  const props = layer.feature.properties;
  const style = styleOf(props);
  layer.setStyle(style);
  const el = layer.getElement();
  if (el) {
    el.classList.toggle('area--withheld', Boolean(props.withheld));
    el.setAttribute('data-code', props.code);
    // Chromium would make each interactive SVG path a tab stop: the list is the keyboard's way in.
    el.setAttribute('tabindex', '-1');
    el.setAttribute('data-withheld', String(Boolean(props.withheld)));
    el.classList.toggle('area--selected', state.selected?.code === props.code && state.selected?.level === props.level);
  }
}

async function loadLayer() {
  const seq = (state.loadSeq += 1);
  const indicator = currentIndicator();
  $('map-status').textContent = 'Chargement de la carte…';
  beginLoad();
  try {
    await drawLayer(seq, indicator);
  } finally {
    endLoad();
  }
}

async function drawLayer(seq, indicator) {
  const started = performance.now();
  let collection;
  try {
    collection = await atlas(`/geojson/${state.level}?indicator=${encodeURIComponent(state.indicator)}`);
  } catch (error) {
    $('map-status').textContent = '';
    showAlert(`Carte indisponible : ${error.message}`);
    return;
  }
  if (seq !== state.loadSeq) return; // a newer choice won
  showAlert('');
  const fetched = performance.now();
  state.classes = classBreaks(collection.features.map((f) => (f.properties.withheld ? null : f.properties.value)));
  state.layer?.remove();
  state.features.clear();
  state.layer = L.geoJSON(collection, {
    style: (feature) => styleOf(feature.properties),
    onEachFeature: (feature, layer) => {
      state.features.set(feature.properties.code, layer);
      layer.bindTooltip(() => tooltipOf(layer.feature.properties), { sticky: true, direction: 'top' });
      layer.on('click', () => selectArea(state.level, feature.properties.code));
    },
  }).addTo(map);
  state.layer.eachLayer(applyStyle);
  if (!loadLayer.fitted && state.layer.getBounds().isValid()) {
    map.fitBounds(state.layer.getBounds(), { padding: [8, 8] });
    loadLayer.fitted = true;
  }
  await new Promise((r) => requestAnimationFrame(() => r()));
  const drawn = performance.now();
  const mapEl = $('map');
  mapEl.dataset.level = state.level;
  mapEl.dataset.indicator = state.indicator;
  mapEl.dataset.features = String(collection.features.length);
  mapEl.dataset.fetchMs = String(Math.round(fetched - started));
  mapEl.dataset.drawMs = String(Math.round(drawn - fetched));
  $('map-status').textContent = `${collection.features.length} ${LEVEL_LABELS[state.level].toLowerCase()}s · ${indicator.label}`;
  renderLegend();
  renderAreaList();
  $('export').href = `/atlas/export.csv?level=${encodeURIComponent(state.level)}&indicator=${encodeURIComponent(state.indicator)}`;
  $('export').setAttribute('download', `atlas-${state.level}-${state.indicator}.csv`);
}

function swatch(colour, withheld) {
  return withheld
    ? '<span class="swatch"><svg width="20" height="12" aria-hidden="true"><rect width="20" height="12" fill="url(#hatch)"></rect></svg></span>'
    : `<span class="swatch" style="background:${colour}"></span>`;
}

function renderLegend() {
  const indicator = currentIndicator();
  const { breaks, min } = state.classes;
  const items = breaks.map((bound, i) => {
    const from = i === 0 ? min : breaks[i - 1];
    const range =
      i === 0
        ? from === bound
          ? formatNumber(bound, indicator)
          : `${formatNumber(from, indicator)} à ${formatNumber(bound, indicator)}`
        : `plus de ${formatNumber(from, indicator)} à ${formatNumber(bound, indicator)}`;
    return `<li data-class="${i}">${swatch(colourOf(i, breaks.length))}<span>${escapeHtml(range)}</span></li>`;
  });
  items.push(`<li data-class="withheld">${swatch(null, true)}<span>secret statistique (valeur non publiée)</span></li>`);
  if (state.flows) {
    items.push('<li data-class="flows"><span class="swatch swatch--flow"></span><span>flux de co-livraison (épaisseur : nombre de trajets)</span></li>');
  }
  // Published values are rounded to the atlas's step: say so, or a reader takes 210 for an exact count.
  const step = Number(indicator.step) > 0 && Number(indicator.step) !== 1 ? Number(indicator.step) : null;
  const stepNote = step
    ? `<p class="hint">Valeurs arrondies par pas de ${escapeHtml(isRatio(indicator) ? `${formatNumber(step * 100)} points` : formatNumber(step))} (secret statistique).</p>`
    : '';
  $('legend').innerHTML = `<h3>${escapeHtml(indicator.label)}${indicator.unit && indicator.unit !== 'ratio' ? ` <span class="hint">(${escapeHtml(indicator.unit)})</span>` : ''}</h3><ul>${items.join('')}</ul>${stepNote}`;
}

// ---------- area list (the keyboard way to every area) ----------

function renderAreaList() {
  const filter = $('area-filter').value.trim().toLocaleLowerCase('fr');
  const indicator = currentIndicator();
  const all = [...state.features.values()].map((l) => l.feature.properties).sort((a, b) => a.name.localeCompare(b.name, 'fr'));
  const shown = filter ? all.filter((p) => p.name.toLocaleLowerCase('fr').includes(filter) || p.code.startsWith(filter)) : all;
  const list = $('area-list');
  list.innerHTML = '';
  for (const props of shown.slice(0, LIST_LIMIT)) {
    const li = document.createElement('li');
    const button = document.createElement('button');
    button.type = 'button';
    button.dataset.code = props.code;
    button.setAttribute('aria-pressed', String(state.selected?.code === props.code));
    button.innerHTML = `<span class="n">${escapeHtml(props.name)}</span><span class="v${props.withheld ? ' withheld' : ''}">${escapeHtml(props.withheld ? 'secret' : formatNumber(props.value, indicator))}</span>`;
    button.addEventListener('click', () => selectArea(state.level, props.code, { zoom: true }));
    li.appendChild(button);
    list.appendChild(li);
  }
  rovingTabIndex(list);
  if (shown.length > LIST_LIMIT) {
    const more = document.createElement('li');
    more.className = 'more';
    more.textContent = `… et ${shown.length - LIST_LIMIT} autres : affinez le filtre.`;
    list.appendChild(more);
  }
  $('area-count').textContent = `(${shown.length})`;
}

/**
 * One stop in the tab order for the whole list (the selected area, else the first); the arrow
 * keys, Home and End move within it. Otherwise reaching the map means tabbing past 170 buttons.
 */
function rovingTabIndex(list) {
  const buttons = [...list.querySelectorAll('button[data-code]')];
  const current = buttons.find((b) => b.getAttribute('aria-pressed') === 'true') ?? buttons[0];
  for (const b of buttons) b.tabIndex = b === current ? 0 : -1;
}

$('area-list').addEventListener('keydown', (event) => {
  const buttons = [...$('area-list').querySelectorAll('button[data-code]')];
  const at = buttons.indexOf(document.activeElement);
  if (at === -1) return;
  const to = { ArrowDown: at + 1, ArrowUp: at - 1, Home: 0, End: buttons.length - 1 }[event.key];
  if (to === undefined || to < 0 || to >= buttons.length) return;
  event.preventDefault();
  buttons[at].tabIndex = -1;
  buttons[to].tabIndex = 0;
  buttons[to].focus();
});

function updateListEntry(props) {
  const button = $('area-list').querySelector(`button[data-code="${CSS.escape(props.code)}"] .v`);
  if (!button) return;
  button.textContent = props.withheld ? 'secret' : formatNumber(props.value, currentIndicator());
  button.classList.toggle('withheld', Boolean(props.withheld));
}

// ---------- dashboard ----------

async function selectArea(level, code, { zoom = false } = {}) {
  state.selected = { level, code };
  for (const layer of state.features.values()) applyStyle(layer);
  for (const b of $('area-list').querySelectorAll('button[data-code]')) b.setAttribute('aria-pressed', String(b.dataset.code === code));
  rovingTabIndex($('area-list'));
  const layer = state.features.get(code);
  layer?.bringToFront(); // its outline above the neighbours'
  if (zoom && layer) {
    map.fitBounds(layer.getBounds(), { maxZoom: 10, padding: [20, 20] });
    // Chosen from the list (keyboard): show what hovering would have shown.
    layer.openTooltip(layer.getBounds().getCenter());
  }
  const dashboard = $('dashboard');
  dashboard.setAttribute('aria-busy', 'true');
  beginLoad();
  try {
    const area = await atlas(`/areas/${encodeURIComponent(level)}/${encodeURIComponent(code)}`);
    if (state.selected?.code !== code) return; // another area was chosen meanwhile
    state.area = area;
    renderDashboard();
  } catch (error) {
    dashboard.innerHTML = `<h2>Tableau de bord</h2><p class="hint">Indisponible : ${escapeHtml(error.message)}</p>`;
  } finally {
    dashboard.removeAttribute('aria-busy');
    endLoad();
  }
}

function indicatorDef(key) {
  return state.indicators.find((i) => i.key === key) ?? { key, label: key, unit: '' };
}

function renderDashboard() {
  const area = state.area;
  const dashboard = $('dashboard');
  dashboard.dataset.code = area.code;
  dashboard.dataset.level = area.level;
  const figures = Object.entries(area.indicators ?? {})
    .map(([key, cell]) => {
      const def = indicatorDef(key);
      const value = cell.withheld ? '<span class="withheld-label">secret statistique</span>' : escapeHtml(formatValue(cell.value, def));
      return `<dt>${escapeHtml(def.label)}</dt><dd data-indicator="${escapeHtml(key)}" data-withheld="${Boolean(cell.withheld)}">${value}</dd>`;
    })
    .join('');
  dashboard.innerHTML =
    `<h2 data-testid="area-name">${escapeHtml(area.name)}</h2>` +
    `<p class="hint">${escapeHtml(LEVEL_LABELS[area.level] ?? area.level)} · code ${escapeHtml(area.code)}</p>` +
    `<dl class="figures">${figures}</dl><div class="charts"></div>`;
  const charts = dashboard.querySelector('.charts');
  const section = (title, node, id) => {
    const wrap = document.createElement('section');
    wrap.dataset.chart = id;
    wrap.innerHTML = `<h3>${escapeHtml(title)}</h3>`;
    wrap.appendChild(node);
    charts.appendChild(wrap);
  };
  section('Répartition par secteur (NAF)', barChart(area.sectorMix ?? [], { title: 'Établissements par section NAF', indicator: indicatorDef('organisations') }), 'sector-mix');
  if (area.tierMix?.length) {
    section('Rang dans la chaîne d’approvisionnement', barChart(area.tierMix, { title: 'Établissements par rang de sous-traitance', indicator: indicatorDef('organisations') }), 'tier-mix');
  }
  const history = area.history ?? {};
  if (history.asset_utilisation) {
    section('Utilisation des machines partagées', lineChart(history.asset_utilisation, { title: 'Taux d’utilisation, par jour', indicator: indicatorDef('asset_utilisation') }), 'utilisation');
  } else {
    const p = document.createElement('p');
    p.className = 'hint';
    p.textContent = privileged() ? 'Pas de donnée d’utilisation.' : 'Réservé aux collectivités : connectez-vous.';
    section('Utilisation des machines partagées', p, 'utilisation');
  }
  section('CO₂ évité (kg)', lineChart(history.co2_avoided_kg ?? [], { title: 'CO₂ évité par la co-livraison, par jour', indicator: indicatorDef('co2_avoided_kg') }), 'co2');
  section('Besoins sans fournisseur local', gapList(area.gaps ?? []), 'gaps');
}

/**
 * "Connaître son environnement": the processes that open calls for tenders delivered in the area
 * ask for and that no organisation of the lot's intercommunality declares.
 */
function gapList(gaps) {
  if (gaps.length === 0) {
    const p = document.createElement('p');
    p.className = 'hint';
    p.textContent = 'Aucun : chaque procédé demandé par les appels d’offres ouverts a un fournisseur dans l’intercommunalité.';
    return p;
  }
  const wrap = document.createElement('div');
  const intro = document.createElement('p');
  intro.className = 'hint';
  intro.textContent = 'Procédés demandés par les appels d’offres ouverts livrés ici, qu’aucune entreprise de l’intercommunalité ne déclare.';
  const list = document.createElement('ul');
  list.className = 'gaps';
  list.dataset.testid = 'gaps';
  for (const gap of gaps) {
    const item = document.createElement('li');
    item.dataset.process = gap.processCode;
    const lots = `${gap.lots} lot${gap.lots > 1 ? 's' : ''}, ${gap.tenders} appel${gap.tenders > 1 ? 's' : ''} d’offres`;
    const nearest = gap.departementSupplier ? 'un fournisseur existe dans le département' : 'aucun fournisseur dans le département';
    item.innerHTML = `<strong>${escapeHtml(gap.label)}</strong> <span class="hint">${escapeHtml(lots)} · ${escapeHtml(nearest)}</span>`;
    list.appendChild(item);
  }
  wrap.append(intro, list);
  return wrap;
}

// ---------- flows ----------

async function toggleFlows() {
  state.flows?.remove();
  state.flows = null;
  if (!$('flows').checked) {
    delete $('map').dataset.flows;
    renderLegend();
    return;
  }
  try {
    const collection = await atlas('/flows?level=epci&indicator=trips');
    const max = Math.max(1, ...collection.features.map((f) => (f.properties.withheld ? 1 : (f.properties.count ?? 1))));
    state.flows = L.geoJSON(collection, {
      pane: 'flows',
      // A flow under secrecy keeps its line (the link exists) but not its size: thin, grey, dashed.
      style: (f) =>
        f.properties.withheld
          ? { className: 'flow flow--withheld', color: '#5f6670', opacity: 0.9, weight: 1.5, dashArray: '4 4' }
          : { className: 'flow', color: '#b34700', opacity: 0.85, weight: 1.5 + (5 * (f.properties.count ?? 1)) / max },
      onEachFeature: (f, layer) =>
        layer.bindTooltip(
          `<strong>${escapeHtml(f.properties.originName)} → ${escapeHtml(f.properties.destinationName)}</strong><br>` +
            (f.properties.withheld
              ? '<em>secret statistique</em>'
              : `${formatNumber(f.properties.count)} trajets · ${formatNumber(f.properties.loads)} chargements`),
          { sticky: true },
        ),
    }).addTo(map);
    $('map').dataset.flows = String(collection.features.length);
    renderLegend();
  } catch (error) {
    showAlert(`Flux indisponibles : ${error.message}`);
  }
}

// ---------- live ----------

function connectStream() {
  state.stream?.close();
  const url = state.auth.token ? `/atlas/stream?access_token=${encodeURIComponent(state.auth.token)}` : '/atlas/stream';
  const stream = new EventSource(url);
  state.stream = stream;
  stream.addEventListener('open', () => ($('map').dataset.live = 'open'));
  stream.addEventListener('error', () => ($('map').dataset.live = 'reconnecting'));
  stream.addEventListener('indicator', (message) => {
    let update;
    try {
      update = JSON.parse(message.data);
    } catch {
      return;
    }
    onUpdate(update);
  });
}

function onUpdate(update) {
  if (state.loading > 0) {
    state.queued.push(update);
    return;
  }
  const def = indicatorDef(update.indicator);
  let touched = false;
  if (update.level === state.level && update.indicator === state.indicator) {
    const layer = state.features.get(update.code);
    if (layer) {
      Object.assign(layer.feature.properties, { value: update.withheld ? null : update.value, withheld: Boolean(update.withheld) });
      applyStyle(layer);
      if (layer.isTooltipOpen()) layer.setTooltipContent(() => tooltipOf(layer.feature.properties));
      layer.getElement()?.classList.remove('area--flash');
      void layer.getElement()?.getBoundingClientRect();
      layer.getElement()?.classList.add('area--flash');
      updateListEntry(layer.feature.properties);
      touched = true;
    }
  }
  if (state.selected && state.area && update.level === state.area.level && update.code === state.area.code) {
    state.area.indicators[update.indicator] = { value: update.withheld ? null : update.value, withheld: Boolean(update.withheld) };
    const dd = $('dashboard').querySelector(`dd[data-indicator="${CSS.escape(update.indicator)}"]`);
    if (dd) {
      dd.innerHTML = update.withheld ? '<span class="withheld-label">secret statistique</span>' : escapeHtml(formatValue(update.value, def));
      dd.dataset.withheld = String(Boolean(update.withheld));
      dd.classList.add('updated');
      setTimeout(() => dd.classList.remove('updated'), 2_500);
    }
    // The gaps list is not in the stream, only their count: a new count means a new list.
    if (update.indicator === 'tender_gaps') void selectArea(state.area.level, state.area.code);
    touched = true;
  }
  if (touched) {
    const name = state.features.get(update.code)?.feature.properties.name ?? state.area?.name ?? update.code;
    const time = new Date(update.at ?? Date.now()).toLocaleTimeString('fr-FR');
    // One event can change several figures of an area at once (a newcomer moves counts and the
    // value its organisation won): the indicator on the map keeps the announcement for a moment.
    const mapped = update.indicator === state.indicator;
    if (mapped || Date.now() - (onUpdate.mappedAt ?? 0) > 2_000) {
      announce(`${time} · ${name} · ${def.label} : ${update.withheld ? 'secret statistique' : formatValue(update.value, def)}`);
    }
    if (mapped) onUpdate.mappedAt = Date.now();
  }
}

// ---------- start ----------

/** The atlas may list more indicators to a signed-in authority than to the public: ask again on each sign-in. */
async function loadIndicators() {
  try {
    state.indicators = await atlas('/indicators');
  } catch (error) {
    showAlert(`L’atlas ne répond pas : ${error.message}`);
    state.indicators = [];
  }
}

async function main() {
  try {
    state.config = await (await fetch('/config.json')).json();
  } catch {
    showAlert('Configuration du portail indisponible.');
    return;
  }
  state.auth = new Auth(state.config, async () => {
    // Token changes during start-up are picked up by the first load below.
    if (document.body.dataset.ready !== 'true') return;
    renderSession();
    await loadIndicators();
    renderIndicatorPicker();
    connectStream();
    await loadLayer();
  });
  $('sign-in').addEventListener('click', () => void state.auth.signIn());
  $('sign-out').addEventListener('click', () => state.auth.signOut());
  try {
    await state.auth.start();
  } catch (error) {
    showAlert(error.message);
  }
  renderSession();
  await loadIndicators();
  renderIndicatorPicker();
  $('level').addEventListener('change', (e) => {
    state.level = e.target.value;
    state.selected = null;
    void loadLayer();
  });
  $('indicator').addEventListener('change', (e) => {
    state.indicator = e.target.value;
    void loadLayer();
  });
  $('flows').addEventListener('change', () => void toggleFlows());
  $('area-filter').addEventListener('input', () => renderAreaList());
  // Outlines of the départements on top, as the only basemap: no tile server, works offline.
  atlas('/geojson/departement?indicator=organisations')
    .then((outline) => L.geoJSON(outline, { pane: 'outline', interactive: false, style: { color: '#3a3f47', weight: 1.2, fill: false } }).addTo(map))
    .catch(() => undefined);
  connectStream();
  await loadLayer();
  document.body.dataset.ready = 'true';
}

void main();
