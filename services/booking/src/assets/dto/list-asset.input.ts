import { Field, ID, InputType, Int } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsBoolean, IsEnum, IsInt, IsOptional, IsString, IsUUID, Length, Matches, Min, ValidateNested } from 'class-validator';
import { PriceModel } from '../../availability/pricing';
import { AssetKind } from '../asset.enums';
import { AvailabilityInput, SpecInput } from './availability.input';

@InputType()
export class ListAssetInput extends AvailabilityInput {
  @Field()
  @IsString()
  @Length(2, 120, { message: 'must be between 2 and 120 characters' })
  name: string;

  @Field(() => AssetKind)
  @IsEnum(AssetKind, { message: `must be one of ${Object.values(AssetKind).join(', ')}` })
  kind: AssetKind;

  @Field({ description: 'e.g. LASER_CUTTING' })
  @Matches(/^[A-Z][A-Z0-9_]{1,39}$/, { message: 'must be an upper-case process code such as LASER_CUTTING' })
  processCode: string;

  @Field(() => [SpecInput], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => SpecInput)
  specs?: SpecInput[];

  @Field({ nullable: true })
  @IsOptional()
  @IsString()
  @Length(1, 40)
  capacityUnit?: string;

  @Field({ nullable: true })
  @IsOptional()
  @IsBoolean()
  mobile?: boolean;

  @Field(() => ID, { nullable: true, description: 'Directory site; its location is used unless latitude/longitude are given.' })
  @IsOptional()
  @IsUUID()
  siteId?: string;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID()
  requiredTrainingId?: string;

  @Field(() => PriceModel)
  @IsEnum(PriceModel, { message: `must be one of ${Object.values(PriceModel).join(', ')}` })
  priceModel: PriceModel;

  @Field(() => Int, { nullable: true })
  @IsOptional()
  @IsInt()
  @Min(0)
  hourlyRateCents?: number;

  @Field(() => Int, { nullable: true })
  @IsOptional()
  @IsInt()
  @Min(0)
  monthlyLeaseCents?: number;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID()
  planId?: string;

  @Field(() => ID, { nullable: true, description: 'Operators only: the organisation onboarded (default: the caller organisation).' })
  @IsOptional()
  @IsUUID()
  organisationId?: string;
}
