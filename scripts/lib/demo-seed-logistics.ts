/**
 * Demo co-delivery around Grenoble and Lyon (issue 5), seeded through the gateway with real
 * Keycloak tokens, the way a carrier and a producer would: dan (a carrier) runs a hub at the MIN
 * de Grenoble, posts three trips for the coming days and drives a weekly tour through the
 * Grésivaudan; alice signs up as a producer on it. Idempotent: hubs and tours are unique by name
 * per organisation (CONFLICT means "already there"), and a trip is posted only if dan has no
 * upcoming trip of the same label.
 */
import { demoToken, gatewayCall, type GraphQLAnswer } from './demo-gateway';

const GRENOBLE = { latitude: 45.1885, longitude: 5.7245, communeInsee: '38185', label: 'Grenoble' };
const LYON = { latitude: 45.764, longitude: 4.8357, communeInsee: '69123', label: 'Lyon' };
const VOIRON = { latitude: 45.3642, longitude: 5.5897, communeInsee: '38563', label: 'Voiron' };
const CHAMBERY = { latitude: 45.5646, longitude: 5.9178, communeInsee: '73065', label: 'Chambéry' };
const CROLLES = { latitude: 45.2847, longitude: 5.8839, communeInsee: '38140', label: 'Crolles' };
const ROMANS = { latitude: 45.0436, longitude: 5.0514, communeInsee: '26281', label: 'Romans-sur-Isère' };
const VALENCE = { latitude: 44.9334, longitude: 4.8924, communeInsee: '26362', label: 'Valence' };
const MIN = { latitude: 45.1667, longitude: 5.7047, communeInsee: '38185', label: 'MIN de Grenoble' };

const HUB_NAME = 'MIN de Grenoble';
const TOUR_NAME = 'Tournée du Grésivaudan';


/** Departure window of the trip `days` from now, `hour` UTC, two hours wide. */
function window(days: number, hour: number): { departureEarliest: string; departureLatest: string } {
  const d = new Date(Date.now() + days * 86_400_000);
  d.setUTCHours(hour, 0, 0, 0);
  return { departureEarliest: d.toISOString(), departureLatest: new Date(d.getTime() + 2 * 3_600_000).toISOString() };
}

const TRIPS = [
  {
    label: 'Grenoble -> Lyon',
    input: {
      vehicleType: 'rigid-7.5t', origin: GRENOBLE, destination: LYON, ...window(1, 5), capacity: { pallets: 10, crates: 0, kg: 3000 },
      temperatureZone: 'AMBIENT', handling: 'TAIL_LIFT', pricePerPalletEur: 15, maxDetourKm: 25, maxDetourMinutes: 30, ownLoadKg: 600,
    },
  },
  {
    label: 'Voiron -> Chambéry',
    input: {
      vehicleType: 'van-3.5t', origin: VOIRON, destination: CHAMBERY, ...window(2, 6), capacity: { pallets: 3, crates: 30, kg: 1000 },
      temperatureZone: 'CHILLED', handling: 'NONE', pricePerPalletEur: 18, pricePerCrateEur: 1.5, maxDetourKm: 15, maxDetourMinutes: 20, ownLoadKg: 200,
    },
  },
  {
    label: 'Grenoble -> Valence',
    input: {
      vehicleType: 'rigid-12t', origin: GRENOBLE, stops: [ROMANS], destination: VALENCE, ...window(3, 5), capacity: { pallets: 14, crates: 0, kg: 6000 },
      temperatureZone: 'AMBIENT', handling: 'DOCK', pricePerPalletEur: 14, maxDetourKm: 20, maxDetourMinutes: 25, ownLoadKg: 1500,
    },
  },
];

export async function seedDemoLogistics(gatewayUrl: string, issuer: string, log: (l: string) => void): Promise<void> {
  const dan = await demoToken(issuer, 'dan');
  const alice = await demoToken(issuer, 'alice');
  const call = (token: string, query: string, variables: Record<string, unknown> = {}) => gatewayCall(gatewayUrl, query, variables, token);
  const created = (body: GraphQLAnswer, what: string): boolean => {
    const error = body.errors?.[0];
    if (!error) return true;
    if (error.extensions?.code === 'CONFLICT') return false;
    throw new Error(`seeding ${what}: ${error.message}`);
  };

  const hub = await call(dan, `mutation($input: RegisterHubInput!) { registerHub(input: $input) { id } }`, {
    input: { name: HUB_NAME, place: MIN, temperatureZones: ['AMBIENT', 'CHILLED'], capacityPallets: 120 },
  });
  const hubCreated = created(hub, 'the hub');
  const hubs = await call(dan, `{ hubs { id name operatorOrganisationId } }`);
  const hubId = (hubs.data?.hubs as Array<{ id: string; name: string }> | undefined)?.find((h) => h.name === HUB_NAME)?.id;
  if (!hubId) throw new Error(`seeding the hub: ${HUB_NAME} not listed after registering it`);

  const mine = await call(dan, `{ myTrips { id origin { label } destination { label } } }`);
  if (mine.errors) throw new Error(`seeding trips: ${mine.errors[0].message}`);
  const existing = new Set((mine.data?.myTrips as Array<{ origin: { label: string }; destination: { label: string } }>).map((t) => `${t.origin.label} -> ${t.destination.label}`));
  let trips = 0;
  for (const trip of TRIPS) {
    if (existing.has(trip.label)) continue;
    created(await call(dan, `mutation($input: PostTripInput!) { postTrip(input: $input) { id } }`, { input: trip.input }), `trip ${trip.label}`);
    trips++;
  }

  const tour = await call(dan, `mutation($input: ScheduleTourInput!) { scheduleTour(input: $input) { id } }`, {
    input: {
      name: TOUR_NAME, vehicleType: 'van-3.5t', weekdays: [2, 5], departureTime: '06:30', temperatureZone: 'CHILLED', capacity: { pallets: 4, crates: 40, kg: 1200 },
      stops: [{ place: CHAMBERY, minutesAfterDeparture: 0 }, { place: CROLLES, minutesAfterDeparture: 40 }, { hubId, minutesAfterDeparture: 70 }],
    },
  });
  const tourCreated = created(tour, 'the tour');
  const tours = await call(alice, `{ tours { id name } }`);
  const tourId = (tours.data?.tours as Array<{ id: string; name: string }> | undefined)?.find((t) => t.name === TOUR_NAME)?.id;
  if (!tourId) throw new Error(`seeding the tour: ${TOUR_NAME} not listed after scheduling it`);
  const signup = await call(alice, `mutation($t: ID!) { signUpForTour(tourId: $t, stopIndex: 1, role: PRODUCER) { id } }`, { t: tourId });
  created(signup, 'the tour sign-up');

  log(
    `demo logistics: hub ${hubCreated ? 'registered' : 'already there'}, ${trips} trip(s) posted (${TRIPS.length - trips} already there), ` +
      `tour ${tourCreated ? 'scheduled' : 'already there'}`,
  );
}
