import { Field, Float, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { IsInt, IsLatitude, IsLongitude, IsOptional, IsString, Length, Matches, Max, Min } from 'class-validator';

export enum TemperatureZone {
  AMBIENT = 'AMBIENT',
  CHILLED = 'CHILLED',
  FROZEN = 'FROZEN',
}
registerEnumType(TemperatureZone, {
  name: 'TemperatureZone',
  description: 'AMBIENT, CHILLED (0-4 °C) or FROZEN (-18 °C). A chilled load only rides a chilled vehicle.',
});

export enum LoadClass {
  FOOD = 'FOOD',
  CHEMICALS = 'CHEMICALS',
  GENERAL = 'GENERAL',
}
registerEnumType(LoadClass, { name: 'LoadClass', description: 'Food never shares a vehicle with chemicals.' });

export enum Handling {
  NONE = 'NONE',
  TAIL_LIFT = 'TAIL_LIFT',
  DOCK = 'DOCK',
}
registerEnumType(Handling, { name: 'Handling', description: 'How pallets get on and off: tail-lift, loading dock, or by hand.' });

@ObjectType('Place')
export class PlaceModel {
  @Field(() => Float) latitude: number;
  @Field(() => Float) longitude: number;
  @Field(() => String, { nullable: true, description: 'INSEE commune code, e.g. 38185.' }) communeInsee: string | null;
  @Field(() => String, { nullable: true }) label: string | null;
}

@InputType()
export class PlaceInput {
  @Field(() => Float, { description: 'WGS84' })
  @IsLatitude({ message: 'must be a latitude between -90 and 90' })
  latitude: number;

  @Field(() => Float, { description: 'WGS84' })
  @IsLongitude({ message: 'must be a longitude between -180 and 180' })
  longitude: number;

  @Field(() => String, { nullable: true, description: 'INSEE commune code, e.g. 38185 (Grenoble).' })
  @IsOptional()
  @Matches(/^(\d{5}|2[AB]\d{3})$/, { message: 'must be a 5-character INSEE commune code, e.g. 38185' })
  communeInsee?: string | null;

  @Field(() => String, { nullable: true, description: 'A name people recognise, e.g. "MIN de Grenoble".' })
  @IsOptional()
  @IsString()
  @Length(1, 120, { message: 'must be between 1 and 120 characters' })
  label?: string | null;
}

@ObjectType('Quantities', { description: 'Space in each unit at once.' })
export class QuantitiesModel {
  @Field(() => Int, { description: 'EUR pallets (1200 x 800 mm).' }) pallets: number;
  @Field(() => Int) crates: number;
  @Field(() => Int) kg: number;
}

@InputType()
export class QuantitiesInput {
  @Field(() => Int, { defaultValue: 0 })
  @IsInt({ message: 'must be a whole number' })
  @Min(0, { message: 'must not be negative' })
  @Max(100, { message: 'must be at most 100' })
  pallets: number = 0;

  @Field(() => Int, { defaultValue: 0 })
  @IsInt({ message: 'must be a whole number' })
  @Min(0, { message: 'must not be negative' })
  @Max(5000, { message: 'must be at most 5000' })
  crates: number = 0;

  @Field(() => Int, { defaultValue: 0 })
  @IsInt({ message: 'must be a whole number of kg' })
  @Min(0, { message: 'must not be negative' })
  @Max(44000, { message: 'must be at most 44000 kg' })
  kg: number = 0;
}

