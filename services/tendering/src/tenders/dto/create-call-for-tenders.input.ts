import { Field, InputType, Int } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsDate, IsInt, IsOptional, IsString, Length, Max, Min, ValidateNested } from 'class-validator';
import { CriteriaInput } from './criteria.input';
import { GuaranteeInput } from './guarantee.input';
import { LotInput } from './lot.input';

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
