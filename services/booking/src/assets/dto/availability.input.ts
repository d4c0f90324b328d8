import { Field, InputType, Int } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsBoolean, IsDate, IsInt, IsNumber, IsOptional, IsString, IsTimeZone, Length, Matches, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { IsAfter } from '@rim/service-kit';

@InputType()
export class OpeningWindowInput {
  @Field(() => Int, { description: 'ISO weekday: 1 = Monday ... 7 = Sunday.' })
  @IsInt()
  @Min(1, { message: 'must be 1 (Monday) to 7 (Sunday)' })
  @Max(7, { message: 'must be 1 (Monday) to 7 (Sunday)' })
  day: number;

  @Field()
  @Matches(/^([01]\d|2[0-3]):[0-5]\d$/, { message: 'must be HH:MM' })
  opens: string;

  @Field()
  @Matches(/^(([01]\d|2[0-3]):[0-5]\d|24:00)$/, { message: 'must be HH:MM (24:00 for midnight)' })
  closes: string;
}

@InputType()
export class BlackoutInput {
  @Field()
  @IsDate()
  startsAt: Date;

  @Field()
  @IsDate()
  @IsAfter('startsAt')
  endsAt: Date;

  @Field()
  @IsString()
  @Length(2, 200, { message: 'must be between 2 and 200 characters' })
  reason: string;
}

@InputType()
export class SpecInput {
  @Field()
  @IsString()
  @Length(1, 60)
  name: string;

  @Field()
  @IsString()
  @Length(1, 200)
  value: string;
}

/** Availability settings shared by listing and updating an asset; fields left out keep their value. */
@InputType()
export class AvailabilityInput {
  @Field(() => [OpeningWindowInput], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => OpeningWindowInput)
  openingHours?: OpeningWindowInput[];

  @Field(() => [BlackoutInput], { nullable: true, description: 'Replaces the future closures (maintenance, holidays).' })
  @IsOptional()
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => BlackoutInput)
  blackouts?: BlackoutInput[];

  @Field({ nullable: true, description: 'IANA time zone, default Europe/Paris.' })
  @IsOptional()
  @IsString()
  @MaxLength(64, { message: 'must be at most 64 characters' })
  @IsTimeZone({ message: 'must be an IANA time zone such as Europe/Paris' })
  timezone?: string;

  @Field(() => Int, { nullable: true })
  @IsOptional()
  @IsInt()
  @Min(5)
  @Max(60 * 24 * 31)
  minBookingMinutes?: number;

  @Field(() => Int, { nullable: true })
  @IsOptional()
  @IsInt()
  @Min(5)
  @Max(60 * 24 * 31)
  maxBookingMinutes?: number;

  @Field(() => Int, { nullable: true })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(60 * 24 * 90)
  minNoticeMinutes?: number;

  @Field(() => Int, { nullable: true })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(60 * 24)
  bufferMinutes?: number;

  @Field(() => Int, { nullable: true })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(24 * 90)
  cancellationDeadlineHours?: number;

  @Field({ nullable: true })
  @IsOptional()
  @IsBoolean()
  requiresApproval?: boolean;

  @Field({ nullable: true, description: 'Moves a mobile asset (between bookings).' })
  @IsOptional()
  @IsNumber()
  @Min(-90)
  @Max(90)
  latitude?: number;

  @Field({ nullable: true })
  @IsOptional()
  @IsNumber()
  @Min(-180)
  @Max(180)
  longitude?: number;
}
