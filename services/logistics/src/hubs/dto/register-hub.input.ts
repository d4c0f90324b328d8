import { Field, InputType, Int } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsEnum, IsInt, IsString, Length, Max, Min, ValidateNested } from 'class-validator';
import { PlaceInput } from '../../common/dto/place.input';
import { TemperatureZone } from '../../common/cargo.enums';

@InputType()
export class RegisterHubInput {
  @Field({ description: 'A name people recognise, e.g. "MIN de Grenoble".' })
  @IsString()
  @Length(1, 120, { message: 'must be between 1 and 120 characters' })
  name: string;

  @Field(() => PlaceInput) @ValidateNested() @Type(() => PlaceInput) place: PlaceInput;

  @Field(() => [TemperatureZone], { description: 'Zones the hub can keep goods in.' })
  @ArrayMinSize(1, { message: 'must name at least one zone' })
  @ArrayMaxSize(3)
  @IsEnum(TemperatureZone, { each: true, message: 'must be AMBIENT, CHILLED or FROZEN' })
  temperatureZones: TemperatureZone[];

  @Field(() => Int, { description: 'Pallets it can hold at once.' })
  @IsInt({ message: 'must be a whole number' })
  @Min(1, { message: 'must be at least 1' })
  @Max(10_000, { message: 'must be at most 10000' })
  capacityPallets: number;
}
