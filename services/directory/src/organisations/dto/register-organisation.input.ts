import { Field, InputType, Int } from '@nestjs/graphql';
import { IsEnum, IsInt, IsOptional, IsString, Length, Matches, Max, Min } from 'class-validator';
import { SizeBand } from '../organisation.entity';
import { IsSiren } from './is-siren.validator';

@InputType()
export class RegisterOrganisationInput {
  @Field({ description: 'INSEE SIREN: 9 digits with a valid Luhn check digit.' })
  @IsSiren()
  siren: string;

  @Field()
  @IsString()
  @Length(2, 200, { message: 'must be between 2 and 200 characters' })
  legalName: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @Length(1, 200, { message: 'must be between 1 and 200 characters' })
  tradingName?: string | null;

  @Field({ description: 'NAF rév. 2 / APE code, e.g. 25.62B.' })
  @Matches(/^\d{2}\.\d{2}[A-Z]$/, { message: 'must look like 25.62B (NAF rév. 2)' })
  nafCode: string;

  @Field(() => SizeBand)
  @IsEnum(SizeBand, { message: `must be one of ${Object.values(SizeBand).join(', ')}` })
  sizeBand: SizeBand;

  @Field(() => Int)
  @IsInt({ message: 'must be 1, 2 or 3' })
  @Min(1, { message: 'must be 1, 2 or 3' })
  @Max(3, { message: 'must be 1, 2 or 3' })
  tier: number;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @Length(0, 4000, { message: 'must be at most 4000 characters' })
  description?: string | null;
}
