import { Field, Float, InputType, Int } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { IsDate, IsInt, IsNumber, IsOptional, Matches, Max, Min, ValidateNested } from 'class-validator';

@InputType()
export class NearInput {
  @Field(() => Float)
  @IsNumber()
  @Min(-90)
  @Max(90)
  latitude: number;

  @Field(() => Float)
  @IsNumber()
  @Min(-180)
  @Max(180)
  longitude: number;

  @Field(() => Float)
  @IsNumber()
  @Min(0.1)
  @Max(500)
  radiusKm: number;
}

@InputType({ description: 'What is free: a process, a time window and optionally a place and radius.' })
export class FreeSlotsInput {
  @Field()
  @Matches(/^[A-Z][A-Z0-9_]{1,39}$/, { message: 'must be an upper-case process code such as LASER_CUTTING' })
  processCode: string;

  @Field()
  @IsDate()
  from: Date;

  @Field()
  @IsDate()
  to: Date;

  @Field(() => Int, { defaultValue: 60, description: 'Only gaps at least this long.' })
  @IsInt()
  @Min(5)
  @Max(60 * 24 * 31)
  minMinutes: number;

  @Field(() => NearInput, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => NearInput)
  near?: NearInput;
}
