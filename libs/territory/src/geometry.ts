/**
 * Plane geometry on WGS84 longitude/latitude pairs, just what the boundaries need: dissolving
 * polygons that share edges (EPCI = union of its communes, a commune nouvelle = union of the
 * communes it merged), a point guaranteed inside a polygon, point-in-polygon.
 *
 * Why not a general clipping library: the source boundaries were simplified with their topology
 * kept (neighbouring communes share exactly the same vertices), so a union is an exact edge
 * cancellation, with no floating-point intersection to compute. `polygon-clipping` would do the
 * same job for arbitrary inputs; see NEED-PACKAGES.md.
 */

export type Position = [number, number];
export type Ring = Position[];
export type PolygonCoords = Ring[];

export interface PolygonGeometry {
  type: 'Polygon';
  coordinates: PolygonCoords;
}
export interface MultiPolygonGeometry {
  type: 'MultiPolygon';
  coordinates: PolygonCoords[];
}
export type AreaGeometry = PolygonGeometry | MultiPolygonGeometry;

/** The polygons of a Polygon or MultiPolygon. */
export function polygonsOf(geometry: AreaGeometry): PolygonCoords[] {
  return geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
}

/** Twice the signed area (shoelace): positive for a counter-clockwise ring. */
export function signedArea(ring: Ring): number {
  let sum = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    sum += (ring[j]![0] - ring[i]![0]) * (ring[j]![1] + ring[i]![1]);
  }
  return sum / 2;
}

/** Rounds every coordinate to `decimals` and drops the repeated vertices this creates. */
export function quantizeRing(ring: Ring, decimals: number): Ring {
  const f = 10 ** decimals;
  const out: Ring = [];
  for (const [x, y] of ring) {
    const p: Position = [Math.round(x * f) / f, Math.round(y * f) / f];
    const last = out[out.length - 1];
    if (!last || last[0] !== p[0] || last[1] !== p[1]) out.push(p);
  }
  const first = out[0];
  const last = out[out.length - 1];
  if (first && last && (first[0] !== last[0] || first[1] !== last[1])) out.push([first[0], first[1]]);
  return out;
}

/** Ray casting; a point on the boundary may go either way. */
export function ringContains(ring: Ring, [x, y]: Position): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i]!;
    const [xj, yj] = ring[j]!;
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

export function polygonContains(polygon: PolygonCoords, point: Position): boolean {
  if (!polygon[0] || !ringContains(polygon[0], point)) return false;
  return !polygon.slice(1).some((hole) => ringContains(hole, point));
}

export function geometryContains(geometry: AreaGeometry, point: Position): boolean {
  return polygonsOf(geometry).some((p) => polygonContains(p, point));
}

export function bbox(geometry: AreaGeometry): [number, number, number, number] {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const polygon of polygonsOf(geometry)) {
    for (const [x, y] of polygon[0] ?? []) {
      if (x < minX) minX = x;
      if (y < minY) minY = y;
      if (x > maxX) maxX = x;
      if (y > maxY) maxY = y;
    }
  }
  return [minX, minY, maxX, maxY];
}

const key = (p: Position): string => `${p[0]},${p[1]}`;

/**
 * Union of polygons that touch along shared edges (identical vertices). Every ring is oriented
 * (outer counter-clockwise, holes clockwise), so an edge shared by two neighbours appears once in
 * each direction: both copies cancel, and what is left chains into the outline and its holes.
 */
export function dissolve(geometries: AreaGeometry[]): AreaGeometry {
  const edges = new Map<string, { from: Position; to: Position; count: number }>();
  const add = (from: Position, to: Position): void => {
    const reverse = `${key(to)}>${key(from)}`;
    const back = edges.get(reverse);
    if (back) {
      back.count -= 1;
      if (back.count === 0) edges.delete(reverse);
      return;
    }
    const k = `${key(from)}>${key(to)}`;
    const existing = edges.get(k);
    if (existing) existing.count += 1;
    else edges.set(k, { from, to, count: 1 });
  };
  for (const geometry of geometries) {
    for (const polygon of polygonsOf(geometry)) {
      polygon.forEach((ring, index) => {
        const ccw = signedArea(ring) > 0;
        const oriented = (index === 0) === ccw ? ring : [...ring].reverse();
        for (let i = 0; i + 1 < oriented.length; i++) add(oriented[i]!, oriented[i + 1]!);
      });
    }
  }
  const outgoing = new Map<string, Position[]>();
  for (const { from, to, count } of edges.values()) {
    for (let c = 0; c < count; c++) {
      const list = outgoing.get(key(from)) ?? [];
      list.push(to);
      outgoing.set(key(from), list);
    }
  }
  const rings: Ring[] = [];
  for (const [startKey, list] of outgoing) {
    while (list.length > 0) {
      const start = startKey.split(',').map(Number) as Position;
      const ring: Ring = [start];
      let at = startKey;
      for (let guard = 0; guard < 1_000_000; guard++) {
        const next = outgoing.get(at)?.pop();
        if (!next) break;
        ring.push(next);
        at = key(next);
        if (at === startKey) break;
      }
      if (ring.length >= 4 && key(ring[ring.length - 1]!) === startKey) rings.push(ring);
    }
  }
  const outers = rings.filter((r) => signedArea(r) > 0).map((r) => ({ ring: r, area: signedArea(r), holes: [] as Ring[] }));
  const holes = rings.filter((r) => signedArea(r) < 0);
  outers.sort((a, b) => a.area - b.area);
  for (const hole of holes) {
    // A hole belongs to the smallest outline around it (an island in a lake goes to the island).
    const owner = outers.find((o) => o.area > -signedArea(hole) && ringContains(o.ring, hole[0]!));
    owner?.holes.push(hole);
  }
  outers.sort((a, b) => b.area - a.area);
  const polygons = outers.map((o) => [o.ring, ...o.holes]);
  return polygons.length === 1 ? { type: 'Polygon', coordinates: polygons[0]! } : { type: 'MultiPolygon', coordinates: polygons };
}

/**
 * A point inside the geometry (the "point on surface" of GIS tools, not the centroid, which can fall
 * outside a crescent-shaped commune): on the largest polygon, the horizontal line through the middle
 * of its extent, at the middle of the widest stretch of that line that lies inside.
 */
export function pointOnSurface(geometry: AreaGeometry): Position {
  const polygons = polygonsOf(geometry).slice().sort((a, b) => Math.abs(signedArea(b[0]!)) - Math.abs(signedArea(a[0]!)));
  const polygon = polygons[0]!;
  const [, minY, , maxY] = bbox({ type: 'Polygon', coordinates: polygon });
  for (const fraction of [0.5, 0.4, 0.6, 0.3, 0.7, 0.2, 0.8]) {
    // Nudged so the line never passes exactly through a vertex.
    const y = minY + (maxY - minY) * fraction + 1e-9;
    const xs: number[] = [];
    for (const ring of polygon) {
      for (let i = 0; i + 1 < ring.length; i++) {
        const [x1, y1] = ring[i]!;
        const [x2, y2] = ring[i + 1]!;
        if (y1 > y !== y2 > y) xs.push(x1 + ((y - y1) * (x2 - x1)) / (y2 - y1));
      }
    }
    xs.sort((a, b) => a - b);
    let best: Position | null = null;
    let width = 0;
    for (let i = 0; i + 1 < xs.length; i += 2) {
      if (xs[i + 1]! - xs[i]! > width) {
        width = xs[i + 1]! - xs[i]!;
        best = [(xs[i]! + xs[i + 1]!) / 2, y];
      }
    }
    if (best && polygonContains(polygon, best)) return best;
  }
  return polygon[0]![0]!;
}

/** Distance from p to the segment a-b, in degrees (good enough at this scale for simplification). */
function segmentDistance(p: Position, a: Position, b: Position): number {
  const dx = b[0] - a[0];
  const dy = b[1] - a[1];
  const length2 = dx * dx + dy * dy;
  const t = length2 === 0 ? 0 : Math.max(0, Math.min(1, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / length2));
  return Math.hypot(p[0] - (a[0] + t * dx), p[1] - (a[1] + t * dy));
}

/** Douglas-Peucker on an open line; keeps both ends, and one interior point at least if there is any. */
function douglasPeucker(line: Position[], tolerance: number): Position[] {
  if (line.length <= 2) return line;
  const keep = new Array<boolean>(line.length).fill(false);
  keep[0] = keep[line.length - 1] = true;
  const stack: [number, number][] = [[0, line.length - 1]];
  let first = true;
  while (stack.length > 0) {
    const [from, to] = stack.pop()!;
    let index = -1;
    let distance = -1;
    for (let i = from + 1; i < to; i++) {
      const d = segmentDistance(line[i]!, line[from]!, line[to]!);
      if (d > distance) {
        distance = d;
        index = i;
      }
    }
    if (index >= 0 && (distance > tolerance || first)) {
      keep[index] = true;
      stack.push([from, index], [index, to]);
    }
    first = false;
  }
  return line.filter((_, i) => keep[i]);
}

/**
 * Simplifies a whole tiling at once without opening gaps or overlaps between neighbours: each ring
 * is cut into arcs at its nodes (vertices where the set of areas sharing it changes), and each arc
 * is simplified in one canonical direction, so the two areas on either side of it get the very
 * same vertices.
 */
export function simplifyTiling(areas: Map<string, AreaGeometry>, tolerance: number): Map<string, AreaGeometry> {
  const owners = new Map<string, Set<string>>();
  for (const [code, geometry] of areas) {
    for (const polygon of polygonsOf(geometry)) {
      for (const ring of polygon) {
        for (const p of ring) {
          const k = key(p);
          const set = owners.get(k) ?? new Set<string>();
          set.add(code);
          owners.set(k, set);
        }
      }
    }
  }
  const ownersKey = (p: Position): string => [...owners.get(key(p))!].sort().join('|');
  const simplifyArc = (arc: Position[]): Position[] => {
    const a = key(arc[0]!);
    const b = key(arc[arc.length - 1]!);
    const forward = a !== b ? a < b : key(arc[1]!) < key(arc[arc.length - 2]!);
    const line = forward ? arc : [...arc].reverse();
    const simplified = douglasPeucker(line, tolerance);
    return forward ? simplified : simplified.reverse();
  };
  const simplifyRing = (ring: Ring): Ring => {
    const open = ring.slice(0, -1);
    const n = open.length;
    if (n < 4) return ring;
    const nodes: number[] = [];
    for (let i = 0; i < n; i++) {
      const here = ownersKey(open[i]!);
      if (owners.get(key(open[i]!))!.size >= 3 || here !== ownersKey(open[(i + n - 1) % n]!) || here !== ownersKey(open[(i + 1) % n]!)) {
        nodes.push(i);
      }
    }
    if (nodes.length === 0) {
      // A ring shared whole with one neighbour (an enclave) or with none: its smallest vertex is a
      // node both sides agree on.
      let smallest = 0;
      for (let i = 1; i < n; i++) if (key(open[i]!) < key(open[smallest]!)) smallest = i;
      nodes.push(smallest);
    }
    const result: Ring = [];
    for (let j = 0; j < nodes.length; j++) {
      const from = nodes[j]!;
      const to = j + 1 < nodes.length ? nodes[j + 1]! : nodes[0]! + n;
      const arc: Position[] = [];
      for (let i = from; i <= to; i++) arc.push(open[i % n]!);
      const simplified = simplifyArc(arc);
      result.push(...simplified.slice(0, -1));
    }
    result.push(result[0]!);
    return result.length >= 4 ? result : ring;
  };
  const out = new Map<string, AreaGeometry>();
  for (const [code, geometry] of areas) {
    const polygons = polygonsOf(geometry).map((polygon) => polygon.map(simplifyRing));
    out.set(code, polygons.length === 1 ? { type: 'Polygon', coordinates: polygons[0]! } : { type: 'MultiPolygon', coordinates: polygons });
  }
  return out;
}
