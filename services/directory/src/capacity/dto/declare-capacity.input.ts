import { Field, Float, ID, InputType, registerEnumType } from '@nestjs/graphql';
import { IsDate, IsEnum, IsNumber, IsOptional, IsPositive, IsUUID, Max } from 'class-validator';
import { IsAfter } from '@rim/service-kit';
import { IsKnownProcess } from '../../reference/reference.validators';
import { CapacityUnit } from '../spare-capacity.entity';

registerEnumType(CapacityUnit, { name: 'CapacityUnit' });

@InputType()
export class DeclareCapacityInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'must be a site id' })
  siteId: string;

  @Field()
  @IsKnownProcess()
  processCode: string;

  @Field(() => Float, { description: 'Hours of machine time or number of units.' })
  @IsNumber({}, { message: 'must be a number' })
  @IsPositive({ message: 'must be more than 0' })
  @Max(1_000_000, { message: 'must be at most 1 000 000' })
  quantity: number;

  @Field(() => CapacityUnit)
  @IsEnum(CapacityUnit, { message: 'must be HOURS or UNITS' })
  unit: CapacityUnit;

  @Field()
  @IsDate({ message: 'must be a date-time' })
  windowStart: Date;

  @Field()
  @IsDate({ message: 'must be a date-time' })
  @IsAfter('windowStart')
  windowEnd: Date;

  @Field({ nullable: true, description: 'When the offer lapses; the end of the window by default.' })
  @IsOptional()
  @IsDate({ message: 'must be a date-time' })
  expiresAt?: Date;
}
