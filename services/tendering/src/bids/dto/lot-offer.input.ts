import { Field, Float, ID, InputType, Int } from '@nestjs/graphql';
import { IsInt, IsNumber, IsString, IsUUID, Length, Max, Min } from 'class-validator';

@InputType({ description: 'What the bid offers on one lot. Sealed: nobody reads it before the deadline.' })
export class LotOfferInput {
  @Field(() => ID) @IsUUID('all', { message: 'must be a UUID' }) lotId: string;
  @Field(() => Float) @IsNumber({}, { message: 'must be a number' }) @Min(0.01, { message: 'must be more than 0' }) @Max(1e12, { message: 'is implausibly large' }) priceEur: number;
  @Field(() => Int) @IsInt({ message: 'must be a whole number of days' }) @Min(1, { message: 'must be at least 1 day' }) @Max(3650, { message: 'must be at most 3650 days' }) leadTimeDays: number;
  @Field() @IsString() @Length(1, 5000, { message: 'must be between 1 and 5000 characters' }) qualityStatement: string;
  @Field(() => Float, { description: 'Estimated emissions of performing the lot, kg CO2e.' }) @IsNumber({}, { message: 'must be a number' }) @Min(0, { message: 'must be at least 0' }) co2Kg: number;
}
