import { Field, ID, InputType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsUUID, ValidateNested } from 'class-validator';
import { ShareInput } from './share.input';

@InputType()
export class SetLotSharesInput {
  @Field(() => ID) @IsUUID('all', { message: 'must be a UUID' }) consortiumId: string;
  @Field(() => ID) @IsUUID('all', { message: 'must be a UUID' }) lotId: string;
  @Field(() => [ShareInput]) @ArrayMaxSize(30) @ValidateNested({ each: true }) @Type(() => ShareInput) shares: ShareInput[];
}
