import { Field, InputType, Int } from '@nestjs/graphql';
import { IsInt, Max, Min } from 'class-validator';

@InputType({ description: 'Points out of 100 for each award criterion; they must sum to 100.' })
export class CriteriaInput {
  @Field(() => Int) @IsInt({ message: 'must be a whole number' }) @Min(0, { message: 'must be at least 0' }) @Max(100, { message: 'must be at most 100' }) price: number;
  @Field(() => Int) @IsInt({ message: 'must be a whole number' }) @Min(0, { message: 'must be at least 0' }) @Max(100, { message: 'must be at most 100' }) leadTime: number;
  @Field(() => Int) @IsInt({ message: 'must be a whole number' }) @Min(0, { message: 'must be at least 0' }) @Max(100, { message: 'must be at most 100' }) quality: number;
  @Field(() => Int) @IsInt({ message: 'must be a whole number' }) @Min(0, { message: 'must be at least 0' }) @Max(100, { message: 'must be at most 100' }) co2: number;
}
