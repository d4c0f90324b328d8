import { Field, Float, InputType } from '@nestjs/graphql';
import { IsNumber, IsOptional, Max, Min } from 'class-validator';

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
