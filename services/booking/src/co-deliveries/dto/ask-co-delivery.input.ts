import { Field, Float, InputType, Int } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { IsDate, IsInt, IsNumber, IsOptional, IsString, Length, Matches, Max, Min, ValidateNested } from 'class-validator';

@InputType({ description: 'Where the goods go: WGS84 coordinates, and the INSEE commune code when known.' })
export class DeliveryPlaceInput {
  @Field(() => Float)
  @IsNumber()
  @Min(-90, { message: 'must be a latitude between -90 and 90' })
  @Max(90, { message: 'must be a latitude between -90 and 90' })
  latitude: number;

  @Field(() => Float)
  @IsNumber()
  @Min(-180, { message: 'must be a longitude between -180 and 180' })
  @Max(180, { message: 'must be a longitude between -180 and 180' })
  longitude: number;

  @Field({ nullable: true, description: 'INSEE commune code, e.g. 69123.' })
  @IsOptional()
  @Matches(/^(\d{5}|2[AB]\d{3})$/, { message: 'must be a 5-character INSEE commune code' })
  communeInsee?: string;

  @Field({ nullable: true })
  @IsOptional()
  @IsString()
  @Length(1, 120)
  label?: string;
}

@InputType({ description: 'The output of a booking to be carried from the asset, from the end of the booking.' })
export class AskCoDeliveryInput {
  @Field(() => DeliveryPlaceInput)
  @ValidateNested()
  @Type(() => DeliveryPlaceInput)
  dropoff: DeliveryPlaceInput;

  @Field({ description: 'Latest delivery time; after the end of the booking.' })
  @IsDate()
  deliverBy: Date;

  @Field(() => Int, { description: 'EUR pallets (1200 x 800 mm).' })
  @IsInt()
  @Min(0)
  @Max(33, { message: 'at most 33 pallets, a full articulated truck' })
  pallets: number;

  @Field(() => Int)
  @IsInt()
  @Min(0)
  @Max(1000)
  crates: number;

  @Field(() => Int)
  @IsInt()
  @Min(0)
  @Max(26_000, { message: 'at most 26 000 kg, a full articulated truck' })
  kg: number;

  @Field(() => Float, { description: 'Declared value of the goods, EUR: what a damage is valued on.' })
  @IsNumber()
  @Min(0)
  @Max(10_000_000)
  declaredValueEur: number;
}
