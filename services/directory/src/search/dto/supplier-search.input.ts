import { Field, Float, InputType, Int } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsDate,
  IsEnum,
  IsInt,
  IsLatitude,
  IsLongitude,
  IsNumber,
  IsOptional,
  IsString,
  Length,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { LabelCode } from '../../labels/label-rules';
import { IsKnownCommune, IsKnownProcess } from '../../reference/reference.validators';

export const MAX_RADIUS_KM = 200;

@InputType()
export class GeoPointInput {
  @Field(() => Float)
  @IsLatitude({ message: 'must be a latitude between -90 and 90' })
  latitude: number;

  @Field(() => Float)
  @IsLongitude({ message: 'must be a longitude between -180 and 180' })
  longitude: number;
}

@InputType()
export class CapacityWindowInput {
  @Field()
  @IsDate({ message: 'must be a date-time' })
  from: Date;

  @Field()
  @IsDate({ message: 'must be a date-time' })
  to: Date;

  @Field(() => Float, { nullable: true, description: 'Smallest quantity (hours or units) wanted.' })
  @IsOptional()
  @IsNumber({}, { message: 'must be a number' })
  @Min(0, { message: 'cannot be negative' })
  minQuantity?: number;
}

@InputType({ description: 'Every filter is optional; given filters all apply.' })
export class SupplierSearchInput {
  @Field({ nullable: true, description: 'Words that start words of the legal or trading name or of the commune of a site, in any order, case and accents aside: "forge alpes" finds "Forges des Alpes", "meca" finds "Mécanique", "voiron" finds the organisations with a site in Voiron. With a centre, the commune is that of the site shown.' })
  @IsOptional()
  @IsString()
  @Length(2, 100, { message: 'must be between 2 and 100 characters' })
  text?: string;

  @Field(() => [String], { nullable: true, description: 'Any of these processes (taxonomy codes).' })
  @IsOptional()
  @ArrayMaxSize(20, { message: 'at most 20 processes' })
  @IsKnownProcess({ each: true })
  processCodes?: string[];

  @Field(() => [String], { nullable: true, description: 'Any of these materials.' })
  @IsOptional()
  @ArrayMaxSize(20, { message: 'at most 20 materials' })
  @IsString({ each: true })
  materials?: string[];

  @Field(() => [String], { nullable: true, description: 'All of these certifications.' })
  @IsOptional()
  @ArrayMaxSize(10, { message: 'at most 10 certifications' })
  @IsString({ each: true })
  certifications?: string[];

  @Field(() => [LabelCode], { nullable: true, description: 'Any of these origin labels.' })
  @IsOptional()
  @IsEnum(LabelCode, { each: true, message: `each must be one of ${Object.values(LabelCode).join(', ')}` })
  labels?: LabelCode[];

  @Field(() => GeoPointInput, { nullable: true, description: 'Centre of a radius search.' })
  @IsOptional()
  @ValidateNested()
  @Type(() => GeoPointInput)
  near?: GeoPointInput;

  @Field({ nullable: true, description: 'Centre of a radius search: the centre of this commune (INSEE code).' })
  @IsOptional()
  @IsKnownCommune()
  nearCommune?: string;

  @Field(() => Float, { nullable: true, description: `Radius in km, up to ${MAX_RADIUS_KM}. Needs near or nearCommune.` })
  @IsOptional()
  @IsNumber({}, { message: 'must be a number' })
  @Min(0.1, { message: 'must be positive (at least 0.1 km)' })
  @Max(MAX_RADIUS_KM, { message: `must be at most ${MAX_RADIUS_KM} km` })
  radiusKm?: number;

  @Field(() => Int, { nullable: true, description: 'Longest acceptable lead time, in days.' })
  @IsOptional()
  @IsInt({ message: 'must be a whole number of days' })
  @Min(0, { message: 'cannot be negative' })
  maxLeadTimeDays?: number;

  @Field(() => CapacityWindowInput, { nullable: true, description: 'Spare capacity declared over this window.' })
  @IsOptional()
  @ValidateNested()
  @Type(() => CapacityWindowInput)
  capacity?: CapacityWindowInput;

  @Field(() => [Int], { nullable: true, description: 'Supply-chain tiers (1, 2, 3).' })
  @IsOptional()
  @IsInt({ each: true, message: 'each tier must be 1, 2 or 3' })
  @Min(1, { each: true, message: 'each tier must be 1, 2 or 3' })
  @Max(3, { each: true, message: 'each tier must be 1, 2 or 3' })
  tiers?: number[];
}
