import { Field, InputType, Int } from '@nestjs/graphql';
import { IsInt, IsOptional, IsString, Length, Min } from 'class-validator';

/** What arrived damaged, counted in the units shipped (never weighed to value it). */
@InputType()
export class DamageInput {
  @Field(() => Int, { defaultValue: 0 }) @IsInt({ message: 'must be a whole number' }) @Min(0, { message: 'must not be negative' }) pallets: number = 0;
  @Field(() => Int, { defaultValue: 0 }) @IsInt({ message: 'must be a whole number' }) @Min(0, { message: 'must not be negative' }) crates: number = 0;
  @Field(() => Int, { defaultValue: 0 }) @IsInt({ message: 'must be a whole number of kg' }) @Min(0, { message: 'must not be negative' }) kg: number = 0;

  @Field(() => String, { nullable: true, description: 'What happened, as noted on receipt.' })
  @IsOptional()
  @IsString()
  @Length(1, 1000, { message: 'must be between 1 and 1000 characters' })
  note?: string | null;
}
