import roadModel from './road-model.json';

/** A WGS84 point. */
export interface GeoPoint {
  latitude: number;
  longitude: number;
}

/** Road distance and driving time between two points. */
export interface RoadLeg {
  km: number;
  minutes: number;
}

/**
 * Where road distances come from. The only implementation approximates (great circle x road
 * factor); a real router (OSRM, Valhalla, GraphHopper) can replace it behind this interface.
 */
export interface RoadDistance {
  leg(from: GeoPoint, to: GeoPoint): RoadLeg;
}

export const ROAD_DISTANCE = Symbol('ROAD_DISTANCE');

export const DEFAULT_ROAD_FACTOR: number = roadModel.roadFactor;
export const DEFAULT_AVERAGE_SPEED_KMH: number = roadModel.averageSpeedKmh;

const EARTH_RADIUS_KM = 6371.0088; // mean Earth radius (IUGG)

/** Great-circle distance in km (haversine formula). */
export function haversineKm(a: GeoPoint, b: GeoPoint): number {
  const rad = Math.PI / 180;
  const dLat = (b.latitude - a.latitude) * rad;
  const dLon = (b.longitude - a.longitude) * rad;
  const h =
    Math.sin(dLat / 2) ** 2 + Math.cos(a.latitude * rad) * Math.cos(b.latitude * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

/**
 * Great-circle distance times a road factor (1.3 by default, see road-model.json for the source),
 * at an average speed. Good enough to rank detours between towns; wrong inside a city or across
 * mountains without a direct road, which is why a real router should plug in here later.
 */
export class GreatCircleRoadDistance implements RoadDistance {
  constructor(
    readonly roadFactor: number = DEFAULT_ROAD_FACTOR,
    readonly averageSpeedKmh: number = DEFAULT_AVERAGE_SPEED_KMH,
  ) {
    if (!(roadFactor >= 1)) throw new Error('road factor must be at least 1');
    if (!(averageSpeedKmh > 0)) throw new Error('average speed must be positive');
  }

  leg(from: GeoPoint, to: GeoPoint): RoadLeg {
    const km = haversineKm(from, to) * this.roadFactor;
    return { km, minutes: (km / this.averageSpeedKmh) * 60 };
  }
}

/** Road km along points in order. */
export function routeKm(road: RoadDistance, points: GeoPoint[]): number {
  let km = 0;
  for (let i = 1; i < points.length; i++) km += road.leg(points[i - 1], points[i]).km;
  return km;
}
