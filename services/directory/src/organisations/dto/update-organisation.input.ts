import { Field, InputType, Int } from '@nestjs/graphql';
import { IsEnum, IsInt, IsOptional, IsString, Length, Max, Min } from 'class-validator';
import { SizeBand, Visibility } from '../organisation.entity';
import { IsKnownNafCode } from '../../reference/reference.validators';

/** Fields left out are unchanged. The SIREN never changes: a new SIREN is a new legal unit. */
@InputType()
export class UpdateOrganisationInput {
  @Field({ nullable: true })
  @IsOptional()
  @IsString()
  @Length(2, 200, { message: 'must be between 2 and 200 characters' })
  legalName?: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @Length(1, 200, { message: 'must be between 1 and 200 characters' })
  tradingName?: string | null;

  @Field({ nullable: true })
  @IsOptional()
  @IsKnownNafCode()
  nafCode?: string;

  @Field(() => SizeBand, { nullable: true })
  @IsOptional()
  @IsEnum(SizeBand, { message: `must be one of ${Object.values(SizeBand).join(', ')}` })
  sizeBand?: SizeBand;

  @Field(() => Int, { nullable: true })
  @IsOptional()
  @IsInt({ message: 'must be 1, 2 or 3' })
  @Min(1, { message: 'must be 1, 2 or 3' })
  @Max(3, { message: 'must be 1, 2 or 3' })
  tier?: number;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @Length(0, 4000, { message: 'must be at most 4000 characters' })
  description?: string | null;

  @Field(() => String, { nullable: true, description: 'Processes and know-how; see knowHowVisibility.' })
  @IsOptional()
  @IsString()
  @Length(0, 4000, { message: 'must be at most 4000 characters' })
  knowHow?: string | null;

  @Field(() => String, { nullable: true, description: 'Client references; see clientReferencesVisibility.' })
  @IsOptional()
  @IsString()
  @Length(0, 4000, { message: 'must be at most 4000 characters' })
  clientReferences?: string | null;

  @Field(() => Visibility, { nullable: true })
  @IsOptional()
  @IsEnum(Visibility, { message: 'must be PUBLIC, MEMBERS or PARTNERS' })
  descriptionVisibility?: Visibility;

  @Field(() => Visibility, { nullable: true })
  @IsOptional()
  @IsEnum(Visibility, { message: 'must be PUBLIC, MEMBERS or PARTNERS' })
  knowHowVisibility?: Visibility;

  @Field(() => Visibility, { nullable: true })
  @IsOptional()
  @IsEnum(Visibility, { message: 'must be PUBLIC, MEMBERS or PARTNERS' })
  clientReferencesVisibility?: Visibility;
}
