import { Field, ID, InputType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsOptional, IsUUID, ValidateNested } from 'class-validator';
import { LotOfferInput } from './lot-offer.input';

@InputType()
export class SubmitBidInput {
  @Field(() => ID) @IsUUID('all', { message: 'must be a UUID' }) tenderId: string;
  @Field(() => ID, { nullable: true, description: 'The consortium bidding, led by the caller; none for a single supplier.' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a UUID' })
  consortiumId?: string | null;
  @Field(() => [LotOfferInput]) @ArrayMinSize(1, { message: 'must answer at least one lot' }) @ArrayMaxSize(50) @ValidateNested({ each: true }) @Type(() => LotOfferInput) lots: LotOfferInput[];
}
