import { Field, Float, InputType, Int } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { IsBoolean, IsDate, IsEnum, IsInt, IsNumber, IsOptional, Max, Min, ValidateNested } from 'class-validator';
import { LoadClass, TemperatureZone } from '../../common/cargo.enums';
import { PlaceInput } from '../../common/dto/place.input';
import { QuantitiesInput } from '../../common/dto/quantities.input';

@InputType()
export class RequestShipmentInput {
  @Field(() => PlaceInput) @ValidateNested() @Type(() => PlaceInput) pickup: PlaceInput;
  @Field(() => PlaceInput) @ValidateNested() @Type(() => PlaceInput) dropoff: PlaceInput;

  @Field() @Type(() => Date) @IsDate({ message: 'must be an RFC 3339 date-time' }) pickupEarliest: Date;
  @Field() @Type(() => Date) @IsDate({ message: 'must be an RFC 3339 date-time' }) pickupLatest: Date;
  @Field() @Type(() => Date) @IsDate({ message: 'must be an RFC 3339 date-time' }) dropoffEarliest: Date;
  @Field() @Type(() => Date) @IsDate({ message: 'must be an RFC 3339 date-time' }) dropoffLatest: Date;

  @Field(() => QuantitiesInput) @ValidateNested() @Type(() => QuantitiesInput) quantities: QuantitiesInput;

  @Field(() => Float, { description: 'Declared value of the goods, EUR: the basis of cost share and of damage claims.' })
  @IsNumber({}, { message: 'must be a number' })
  @Min(0.01, { message: 'must be positive' })
  @Max(10_000_000, { message: 'must be at most 10 000 000' })
  declaredValueEur: number;

  @Field(() => TemperatureZone, { defaultValue: TemperatureZone.AMBIENT })
  @IsEnum(TemperatureZone, { message: 'must be AMBIENT, CHILLED or FROZEN' })
  temperatureZone: TemperatureZone = TemperatureZone.AMBIENT;

  @Field(() => LoadClass, { defaultValue: LoadClass.FOOD })
  @IsEnum(LoadClass, { message: 'must be FOOD, CHEMICALS or GENERAL' })
  loadClass: LoadClass = LoadClass.FOOD;

  @Field({ defaultValue: false }) @IsBoolean() organic: boolean = false;

  @Field(() => Int, { nullable: true, description: 'For perishables: longest time on board, minutes.' })
  @IsOptional()
  @IsInt({ message: 'must be a whole number of minutes' })
  @Min(1, { message: 'must be positive' })
  maxTimeInVehicleMinutes?: number | null;
}
