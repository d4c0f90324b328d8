import { Field, ID, InputType, Int, registerEnumType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsEnum, IsIn, IsInt, IsOptional, IsString, IsUUID, Length, Matches, Max, Min, ValidateNested } from 'class-validator';
import { VEHICLE_TYPES } from '../../carbon/carbon';
import { PlaceInput } from '../../common/dto/place.input';
import { QuantitiesInput } from '../../common/dto/quantities.input';
import { TemperatureZone } from '../../common/cargo.enums';

export enum TourRoleEnum {
  PRODUCER = 'PRODUCER',
  CUSTOMER = 'CUSTOMER',
}
registerEnumType(TourRoleEnum, { name: 'TourRole', description: 'PRODUCER: goods picked up at the stop; CUSTOMER: goods dropped there.' });

@InputType()
export class TourStopInput {
  @Field(() => PlaceInput, { nullable: true, description: 'Where the stop is; leave out when the stop is a hub.' })
  @IsOptional()
  @ValidateNested()
  @Type(() => PlaceInput)
  place?: PlaceInput | null;

  @Field(() => ID, { nullable: true, description: 'A consolidation hub as the stop (its place is used).' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a UUID' })
  hubId?: string | null;

  @Field(() => Int, { description: 'Minutes after the departure the vehicle reaches the stop.' })
  @IsInt({ message: 'must be a whole number of minutes' })
  @Min(0, { message: 'must not be negative' })
  @Max(24 * 60, { message: 'must be at most 1440 (one day)' })
  minutesAfterDeparture: number;
}

@InputType()
export class ScheduleTourInput {
  @Field({ description: 'e.g. "Tournée du mardi, Grésivaudan".' })
  @IsString()
  @Length(1, 120, { message: 'must be between 1 and 120 characters' })
  name: string;

  @Field({ description: `Vehicle class: ${VEHICLE_TYPES.join(', ')}.` })
  @IsIn(VEHICLE_TYPES, { message: `must be one of ${VEHICLE_TYPES.join(', ')}` })
  vehicleType: string;

  @Field(() => [Int], { description: 'ISO weekdays it runs: 1 = Monday ... 7 = Sunday.' })
  @ArrayMinSize(1, { message: 'must name at least one weekday' })
  @ArrayMaxSize(7, { message: 'at most 7 weekdays' })
  @IsInt({ each: true, message: 'must be whole numbers from 1 (Monday) to 7 (Sunday)' })
  @Min(1, { each: true, message: 'must be from 1 (Monday) to 7 (Sunday)' })
  @Max(7, { each: true, message: 'must be from 1 (Monday) to 7 (Sunday)' })
  weekdays: number[];

  @Field({ description: 'Local (Europe/Paris) departure time, HH:MM.' })
  @Matches(/^([01]\d|2[0-3]):[0-5]\d$/, { message: 'must be a time HH:MM, e.g. 06:30' })
  departureTime: string;

  @Field(() => TemperatureZone, { defaultValue: TemperatureZone.AMBIENT })
  @IsEnum(TemperatureZone, { message: 'must be AMBIENT, CHILLED or FROZEN' })
  temperatureZone: TemperatureZone = TemperatureZone.AMBIENT;

  @Field(() => QuantitiesInput) @ValidateNested() @Type(() => QuantitiesInput) capacity: QuantitiesInput;

  @Field(() => [TourStopInput], { description: 'Stops in driving order, the first at the departure.' })
  @ArrayMinSize(2, { message: 'a tour needs at least 2 stops' })
  @ArrayMaxSize(30, { message: 'at most 30 stops' })
  @ValidateNested({ each: true })
  @Type(() => TourStopInput)
  stops: TourStopInput[];
}
