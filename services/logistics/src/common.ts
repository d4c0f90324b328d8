import { GraphQLError } from 'graphql';
import type { Principal } from '@rim/auth';
import type { RequestContext } from '@rim/service-kit';
import type { LoadQuantities } from './carbon/carbon';
import type { PlaceInput } from './graphql-types';
import type { StoredPlace } from './trips/trip.entity';

export function requireOrganisation(ctx: RequestContext): Principal & { organisationId: string } {
  if (!ctx.principal) {
    throw new GraphQLError('sign in to use co-delivery', { extensions: { code: 'UNAUTHENTICATED' } });
  }
  if (!ctx.principal.organisationId) {
    throw new GraphQLError('your account is not tied to an organisation', { extensions: { code: 'FORBIDDEN' } });
  }
  return ctx.principal as Principal & { organisationId: string };
}

export function storedPlace(p: PlaceInput): StoredPlace {
  return { latitude: p.latitude, longitude: p.longitude, communeInsee: p.communeInsee ?? null, label: p.label?.trim() || null };
}

export function wirePlace(p: StoredPlace): { latitude: number; longitude: number; communeInsee: string } {
  return { latitude: p.latitude, longitude: p.longitude, communeInsee: p.communeInsee ?? '' };
}

export function priceAtRates(
  trip: { pricePerPalletEur: number; pricePerCrateEur: number; pricePerKgEur: number },
  q: LoadQuantities,
): number {
  return Math.round((trip.pricePerPalletEur * q.pallets + trip.pricePerCrateEur * q.crates + trip.pricePerKgEur * q.kg) * 100) / 100;
}
