import { dissolve, pointOnSurface, geometryContains, type AreaGeometry } from './geometry';
import { territory } from './territory';

const square = (x: number, y: number): AreaGeometry => ({
  type: 'Polygon',
  coordinates: [[[x, y], [x + 1, y], [x + 1, y + 1], [x, y + 1], [x, y]]],
});

describe('geometry', () => {
  it('dissolves neighbours sharing an edge into one outline, whatever their ring orientation', () => {
    const left = square(0, 0);
    const right: AreaGeometry = { type: 'Polygon', coordinates: [[...(square(1, 0) as { coordinates: number[][][] }).coordinates[0]!].reverse() as [number, number][]] };
    const union = dissolve([left, right]);
    expect(union.type).toBe('Polygon');
    const ring = (union.coordinates as [number, number][][])[0]!;
    // 2x1 rectangle: the shared edge's two vertices remain as collinear points, 6 + closing one.
    expect(ring).toHaveLength(7);
    expect(geometryContains(union, [1, 0.5])).toBe(true);
    expect(geometryContains(union, [2.5, 0.5])).toBe(false);
  });

  it('keeps a hole when a ring of areas surrounds an empty middle', () => {
    const ringOfSquares = [];
    for (let x = 0; x < 3; x++) for (let y = 0; y < 3; y++) if (x !== 1 || y !== 1) ringOfSquares.push(square(x, y));
    const union = dissolve(ringOfSquares);
    expect(union.type).toBe('Polygon');
    expect(union.coordinates).toHaveLength(2);
    expect(geometryContains(union, [1.5, 1.5])).toBe(false);
    expect(geometryContains(union, [0.5, 1.5])).toBe(true);
  });

  it('puts the point on surface inside a U-shaped polygon, where the centroid would fall outside', () => {
    const u: AreaGeometry = { type: 'Polygon', coordinates: [[[0, 0], [3, 0], [3, 3], [2, 3], [2, 1], [1, 1], [1, 3], [0, 3], [0, 0]]] };
    const p = pointOnSurface(u);
    expect(geometryContains(u, p)).toBe(true);
  });
});

describe('shipped territory', () => {
  const t = territory();

  it('has every commune of Auvergne-Rhône-Alpes under its current code, each centre inside its polygon', () => {
    const communes = t.communes();
    expect(communes.length).toBeGreaterThan(4000);
    const outside = communes.filter((c) => !geometryContains(c.geometry, c.centre));
    expect(outside.map((c) => c.code)).toEqual([]);
    // Grenoble, and a commune nouvelle of 2016 (Arboys en Bugey, from 01015 + 01340) under today's code.
    expect(t.commune('38185')?.name).toBe('Grenoble');
    expect(t.commune('01015')?.name).toBe('Arboys en Bugey');
    expect(t.commune('01340')).toBeUndefined();
  });

  it('locates a point in its commune and its EPCI', () => {
    const grenoble = t.commune('38185')!;
    const found = t.locate(grenoble.centre[1], grenoble.centre[0]);
    expect(found?.code).toBe('38185');
    expect(t.area('epci', found!.epci!)?.name).toMatch(/Grenoble/);
    expect(t.locate(48.85, 2.35)).toBeUndefined(); // Paris is not in the région
  });

  it('gives every EPCI a centre inside its union polygon', () => {
    const epcis = t.areas('epci');
    expect(epcis.length).toBeGreaterThan(150);
    expect(epcis.filter((e) => !geometryContains(e.geometry, e.centre)).map((e) => e.code)).toEqual([]);
  });
});
