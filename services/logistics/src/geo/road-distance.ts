import roadModel from './road-model.json';
import { haversineKm } from '@rim/geo';

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

/** Great-circle distance in km; re-exported so the matching code keeps one import for geography. */
export { haversineKm };

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
