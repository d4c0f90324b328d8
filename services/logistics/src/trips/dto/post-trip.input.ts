import { Field, Float, InputType, Int } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsBoolean, IsDate, IsEnum, IsIn, IsInt, IsNumber, IsOptional, Max, Min, ValidateNested } from 'class-validator';
import { VEHICLE_TYPES } from '../../carbon/carbon';
import { Handling, LoadClass, TemperatureZone } from '../../common/cargo.enums';
import { PlaceInput } from '../../common/dto/place.input';
import { QuantitiesInput } from '../../common/dto/quantities.input';

@InputType()
export class PostTripInput {
  @Field({ description: `Vehicle class, the key of the emission-factor table: ${VEHICLE_TYPES.join(', ')}.` })
  @IsIn(VEHICLE_TYPES, { message: `must be one of ${VEHICLE_TYPES.join(', ')}` })
  vehicleType: string;

  @Field(() => PlaceInput)
  @ValidateNested()
  @Type(() => PlaceInput)
  origin: PlaceInput;

  @Field(() => [PlaceInput], { defaultValue: [], description: 'Stops in driving order.' })
  @ValidateNested({ each: true })
  @ArrayMaxSize(20, { message: 'at most 20 stops' })
  @Type(() => PlaceInput)
  stops: PlaceInput[] = [];

  @Field(() => PlaceInput)
  @ValidateNested()
  @Type(() => PlaceInput)
  destination: PlaceInput;

  @Field()
  @Type(() => Date)
  @IsDate({ message: 'must be an RFC 3339 date-time' })
  departureEarliest: Date;

  @Field()
  @Type(() => Date)
  @IsDate({ message: 'must be an RFC 3339 date-time' })
  departureLatest: Date;

  @Field(() => QuantitiesInput, { description: 'Free space offered, in each unit at once.' })
  @ValidateNested()
  @Type(() => QuantitiesInput)
  capacity: QuantitiesInput;

  @Field(() => TemperatureZone)
  @IsEnum(TemperatureZone, { message: 'must be AMBIENT, CHILLED or FROZEN' })
  temperatureZone: TemperatureZone;

  @Field(() => Handling, { defaultValue: Handling.NONE })
  @IsEnum(Handling, { message: 'must be NONE, TAIL_LIFT or DOCK' })
  handling: Handling = Handling.NONE;

  @Field(() => Float, { defaultValue: 0 })
  @IsNumber({}, { message: 'must be a number' })
  @Min(0, { message: 'must not be negative' })
  pricePerPalletEur: number = 0;

  @Field(() => Float, { defaultValue: 0 })
  @IsNumber({}, { message: 'must be a number' })
  @Min(0, { message: 'must not be negative' })
  pricePerCrateEur: number = 0;

  @Field(() => Float, { defaultValue: 0 })
  @IsNumber({}, { message: 'must be a number' })
  @Min(0, { message: 'must not be negative' })
  pricePerKgEur: number = 0;

  @Field(() => Float, { description: 'Largest detour the owner accepts for one shipment, road km.' })
  @IsNumber({}, { message: 'must be a number' })
  @Min(0, { message: 'must not be negative' })
  @Max(300, { message: 'must be at most 300 km' })
  maxDetourKm: number;

  @Field(() => Int)
  @IsInt({ message: 'must be a whole number of minutes' })
  @Min(0, { message: 'must not be negative' })
  @Max(600, { message: 'must be at most 600 minutes' })
  maxDetourMinutes: number;

  @Field(() => LoadClass, { defaultValue: LoadClass.FOOD, description: "What the owner's own load is." })
  @IsEnum(LoadClass, { message: 'must be FOOD, CHEMICALS or GENERAL' })
  loadClass: LoadClass = LoadClass.FOOD;

  @Field({ defaultValue: false, description: 'Only certified-organic loads may join.' })
  @IsBoolean()
  organicOnly: boolean = false;

  @Field(() => Int, { defaultValue: 0, description: "Mass of the owner's own goods, for the CO2 allocation." })
  @IsOptional()
  @IsInt({ message: 'must be a whole number of kg' })
  @Min(0, { message: 'must not be negative' })
  @Max(44000, { message: 'must be at most 44000 kg' })
  ownLoadKg: number = 0;
}
