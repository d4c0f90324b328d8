import { Field, InputType, Int } from '@nestjs/graphql';
import { IsInt, Max, Min } from 'class-validator';

@InputType()
export class QuantitiesInput {
  @Field(() => Int, { defaultValue: 0 })
  @IsInt({ message: 'must be a whole number' })
  @Min(0, { message: 'must not be negative' })
  @Max(100, { message: 'must be at most 100' })
  pallets: number = 0;

  @Field(() => Int, { defaultValue: 0 })
  @IsInt({ message: 'must be a whole number' })
  @Min(0, { message: 'must not be negative' })
  @Max(5000, { message: 'must be at most 5000' })
  crates: number = 0;

  @Field(() => Int, { defaultValue: 0 })
  @IsInt({ message: 'must be a whole number of kg' })
  @Min(0, { message: 'must not be negative' })
  @Max(44000, { message: 'must be at most 44000 kg' })
  kg: number = 0;
}
