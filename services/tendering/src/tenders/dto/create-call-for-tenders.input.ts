import { Field, Float, InputType, Int } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsDate,
  IsInt,
  IsLatitude,
  IsLongitude,
  IsNumber,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';

@InputType({ description: 'Points out of 100 for each award criterion; they must sum to 100.' })
export class CriteriaInput {
  @Field(() => Int) @IsInt({ message: 'must be a whole number' }) @Min(0, { message: 'must be at least 0' }) @Max(100, { message: 'must be at most 100' }) price: number;
  @Field(() => Int) @IsInt({ message: 'must be a whole number' }) @Min(0, { message: 'must be at least 0' }) @Max(100, { message: 'must be at most 100' }) leadTime: number;
  @Field(() => Int) @IsInt({ message: 'must be a whole number' }) @Min(0, { message: 'must be at least 0' }) @Max(100, { message: 'must be at most 100' }) quality: number;
  @Field(() => Int) @IsInt({ message: 'must be a whole number' }) @Min(0, { message: 'must be at least 0' }) @Max(100, { message: 'must be at most 100' }) co2: number;
}

@InputType({ description: 'The performance guarantee asked of the winner: a retention and/or a first-demand guarantee.' })
export class GuaranteeInput {
  @Field(() => Float, { nullable: true, description: 'Retention on each payment, percent of the value; at most 5 (CCP R2191-35).' })
  @IsOptional()
  @IsNumber({}, { message: 'must be a number' })
  @Min(0, { message: 'must be at least 0' })
  @Max(5, { message: 'must be at most 5 %: a retention above 5 % of the contract value is not allowed' })
  retentionPercent?: number | null;

  @Field(() => Float, { nullable: true, description: 'First-demand guarantee asked for each lot, EUR.' })
  @IsOptional()
  @IsNumber({}, { message: 'must be a number' })
  @Min(0, { message: 'must be at least 0' })
  firstDemandAmountEur?: number | null;
}

@InputType()
export class LotInput {
  @Field() @IsString() @Length(1, 200, { message: 'must be between 1 and 200 characters' }) title: string;

  @Field(() => [String], { description: 'Process codes of the directory taxonomy, e.g. "cnc-milling".' })
  @ArrayMinSize(1, { message: 'must name at least one process' })
  @ArrayMaxSize(10)
  @MaxLength(64, { each: true, message: 'each process must be at most 64 characters' })
  @Matches(/^[a-z0-9]+(-[a-z0-9]+)*$/, { each: true, message: 'each process must be a taxonomy code such as "cnc-milling"' })
  requiredProcesses: string[];

  @Field(() => Float) @IsNumber({}, { message: 'must be a number' }) @Min(0.01, { message: 'must be more than 0' }) quantity: number;

  @Field({ description: 'e.g. "pieces", "hours", "kg".' }) @IsString() @Length(1, 40, { message: 'must be between 1 and 40 characters' }) unit: string;

  @Field({ description: 'INSEE code of the delivery commune, e.g. 38185.' })
  @Matches(/^(\d{5}|2[AB]\d{3})$/, { message: 'must be an INSEE commune code such as 38185' })
  deliveryCommuneInsee: string;

  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @Length(1, 200) deliveryLabel?: string | null;

  @Field(() => Float, { nullable: true, description: 'Delivery point, WGS84; partner suggestions measure distances from it.' })
  @IsOptional()
  @IsLatitude({ message: 'must be a latitude between -90 and 90' })
  deliveryLatitude?: number | null;

  @Field(() => Float, { nullable: true })
  @IsOptional()
  @IsLongitude({ message: 'must be a longitude between -180 and 180' })
  deliveryLongitude?: number | null;

  @Field({ description: 'ISO date, e.g. 2027-03-15.' })
  @Matches(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, { message: 'must be an ISO date such as 2027-03-15' })
  deliveryDate: string;
}

@InputType()
export class CreateCallForTendersInput {
  @Field() @IsString() @Length(3, 200, { message: 'must be between 3 and 200 characters' }) title: string;
  @Field() @IsString() @Length(1, 10_000, { message: 'must be between 1 and 10000 characters' }) description: string;
  @Field(() => Date) @IsDate({ message: 'must be a date-time with an offset' }) submissionDeadline: Date;
  @Field(() => Int) @IsInt({ message: 'must be a whole number' }) @Min(1, { message: 'must be at least 1 day' }) @Max(365, { message: 'must be at most 365 days' }) bidValidityDays: number;
  @Field(() => CriteriaInput) @ValidateNested() @Type(() => CriteriaInput) criteria: CriteriaInput;
  @Field(() => GuaranteeInput, { nullable: true }) @IsOptional() @ValidateNested() @Type(() => GuaranteeInput) guarantee?: GuaranteeInput | null;

  @Field(() => [LotInput])
  @ArrayMinSize(1, { message: 'must have at least one lot' })
  @ArrayMaxSize(50, { message: 'must have at most 50 lots' })
  @ValidateNested({ each: true })
  @Type(() => LotInput)
  lots: LotInput[];
}
