import { Field, Float, InputType, registerEnumType } from '@nestjs/graphql';
import { IsDateString, IsEnum, IsNumber, IsOptional, IsString, Length, Max, Min } from 'class-validator';
import { LabelCode } from '../label-rules';

registerEnumType(LabelCode, { name: 'LabelCode' });

@InputType()
export class DeclareLabelInput {
  @Field(() => LabelCode)
  @IsEnum(LabelCode, { message: `must be one of ${Object.values(LabelCode).join(', ')}` })
  label: LabelCode;

  @Field({ description: 'The product or product range the label covers.' })
  @IsString()
  @Length(2, 200, { message: 'must be between 2 and 200 characters' })
  product: string;

  @Field(() => Float, { nullable: true, description: 'Origine France Garantie: % of unit cost acquired in France.' })
  @IsOptional()
  @IsNumber({}, { message: 'must be a number' })
  @Min(0, { message: 'must be between 0 and 100' })
  @Max(100, { message: 'must be between 0 and 100' })
  frenchCostSharePercent?: number;

  @Field(() => Float, { nullable: true, description: 'France Terre Textile: % of manufacturing steps done in France.' })
  @IsOptional()
  @IsNumber({}, { message: 'must be a number' })
  @Min(0, { message: 'must be between 0 and 100' })
  @Max(100, { message: 'must be between 0 and 100' })
  frenchStepSharePercent?: number;

  @Field({ nullable: true, description: 'Entreprise du Patrimoine Vivant: date of the award (YYYY-MM-DD).' })
  @IsOptional()
  @IsDateString({ strict: true }, { message: 'must be a date like 2024-05-31' })
  awardedOn?: string;

  @Field({ description: 'Where the main material comes from (country or region).' })
  @IsString()
  @Length(2, 120, { message: 'must be between 2 and 120 characters' })
  materialOrigin: string;

  @Field({ description: 'Where the product is made (commune, region or country).' })
  @IsString()
  @Length(2, 120, { message: 'must be between 2 and 120 characters' })
  placeOfManufacture: string;
}
