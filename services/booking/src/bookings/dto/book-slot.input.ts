import { Field, ID, InputType } from '@nestjs/graphql';
import { IsAfter } from '@rim/service-kit';
import { IsDate, IsUUID } from 'class-validator';

@InputType({ description: 'A slot of one asset: [startsAt, endsAt).' })
export class BookSlotInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'must be an asset id' })
  assetId: string;

  @Field()
  @IsDate()
  startsAt: Date;

  @Field()
  @IsDate()
  @IsAfter('startsAt')
  endsAt: Date;
}
