import { EARTH_RADIUS_KM, haversineKm, sqlHaversineKm } from './distance';

const GRENOBLE = { latitude: 45.1885, longitude: 5.7245 };
const LYON = { latitude: 45.764, longitude: 4.8357 };

describe('haversineKm', () => {
  it('measures Grenoble - Lyon as the crow flies, about 94.6 km', () => {
    expect(haversineKm(GRENOBLE, LYON)).toBeCloseTo(94.6, 0);
  });

  it('is zero for one place and the same both ways', () => {
    expect(haversineKm(LYON, LYON)).toBe(0);
    expect(haversineKm(GRENOBLE, LYON)).toBe(haversineKm(LYON, GRENOBLE));
  });

  it('uses the mean radius: a quarter of a meridian is pi/2 radii', () => {
    expect(haversineKm({ latitude: 0, longitude: 0 }, { latitude: 90, longitude: 0 })).toBeCloseTo((Math.PI / 2) * EARTH_RADIUS_KM, 6);
  });

  it('stays a number for antipodal points, where rounding pushes the haversine above 1', () => {
    expect(haversineKm({ latitude: 0, longitude: 0 }, { latitude: 0, longitude: 180 })).toBeCloseTo(Math.PI * EARTH_RADIUS_KM, 6);
  });
});

describe('sqlHaversineKm', () => {
  // The SQL functions it uses, as JavaScript: evaluating the expression checks that SQL and
  // haversineKm are the same formula with the same radius.
  const evaluate = (sql: string, values: Record<string, number>): number => {
    const functions = {
      asin: Math.asin,
      cos: Math.cos,
      least: Math.min,
      power: Math.pow,
      radians: (deg: number) => (deg * Math.PI) / 180,
      sin: Math.sin,
      sqrt: Math.sqrt,
    };
    const scope = { ...functions, ...values };
    return new Function(...Object.keys(scope), `return ${sql};`)(...Object.values(scope)) as number;
  };

  it('computes in SQL the distance haversineKm computes', () => {
    const sql = sqlHaversineKm('lat', 'lon', 'centreLat', 'centreLon');
    const values = { lat: LYON.latitude, lon: LYON.longitude, centreLat: GRENOBLE.latitude, centreLon: GRENOBLE.longitude };
    expect(evaluate(sql, values)).toBeCloseTo(haversineKm(GRENOBLE, LYON), 9);
  });

  it('names the columns and parameters it is given', () => {
    const sql = sqlHaversineKm('s.latitude', 's.longitude', '$1', '$2');
    expect(sql).toContain('radians(s.latitude - $1)');
    expect(sql).toContain('radians(s.longitude - $2)');
    expect(sql).toContain(String(EARTH_RADIUS_KM));
  });
});
