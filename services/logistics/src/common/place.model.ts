import { Field, Float, ObjectType } from '@nestjs/graphql';
import type { StoredPlace } from '../trips/trip.entity';
import type { PlaceInput } from './dto/place.input';

@ObjectType('Place')
export class PlaceModel {
  @Field(() => Float) latitude: number;
  @Field(() => Float) longitude: number;
  @Field(() => String, { nullable: true, description: 'INSEE commune code, e.g. 38185.' }) communeInsee: string | null;
  @Field(() => String, { nullable: true }) label: string | null;
}

export function storedPlace(p: PlaceInput): StoredPlace {
  return { latitude: p.latitude, longitude: p.longitude, communeInsee: p.communeInsee ?? null, label: p.label?.trim() || null };
}

export function wirePlace(p: StoredPlace): { latitude: number; longitude: number; communeInsee: string } {
  return { latitude: p.latitude, longitude: p.longitude, communeInsee: p.communeInsee ?? '' };
}
