import { Field, Float, ID, InputType, registerEnumType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsBoolean, IsEnum, IsIn, IsNumber, IsOptional, IsString, IsUUID, Length, Matches, Max, MaxLength, Min, ValidateNested } from 'class-validator';

export enum ConsortiumFormEnum {
  CONJOINT = 'CONJOINT',
  SOLIDAIRE = 'SOLIDAIRE',
}
registerEnumType(ConsortiumFormEnum, {
  name: 'ConsortiumForm',
  description: 'CONJOINT: each member answers for its share; SOLIDAIRE: each member answers for the whole.',
});

@InputType()
export class CreateConsortiumInput {
  @Field(() => ID) @IsUUID('all', { message: 'must be a UUID' }) tenderId: string;
  @Field() @IsString() @Length(1, 200, { message: 'must be between 1 and 200 characters' }) name: string;
  @Field(() => ConsortiumFormEnum, { nullable: true }) @IsOptional() @IsEnum(ConsortiumFormEnum, { message: 'must be CONJOINT or SOLIDAIRE' }) form?: ConsortiumFormEnum | null;
  @Field({ defaultValue: false }) @IsBoolean() leadJointlyLiable: boolean;
}

@InputType()
export class ShareInput {
  @Field(() => ID) @IsUUID('all', { message: 'must be a UUID' }) organisationId: string;
  @Field(() => Float, { description: 'Share of the lot value, percent.' })
  @IsNumber({}, { message: 'must be a number' })
  @Min(0.01, { message: 'must be more than 0' })
  @Max(100, { message: 'must be at most 100' })
  sharePercent: number;
  @Field(() => Float, { description: 'Capacity committed to the lot, in committedUnit.' }) @IsNumber({}, { message: 'must be a number' }) @Min(0, { message: 'must be at least 0' }) committedQuantity: number;
  @Field({ description: '"hours" or "units".' }) @IsIn(['hours', 'units'], { message: 'must be "hours" or "units"' }) committedUnit: string;
  @Field({ description: 'The process this member performs, a directory taxonomy code.' })
  @MaxLength(64, { message: 'must be at most 64 characters' })
  @Matches(/^[a-z0-9]+(-[a-z0-9]+)*$/, { message: 'must be a taxonomy code such as "cnc-milling"' })
  processCode: string;
}

@InputType()
export class SetLotSharesInput {
  @Field(() => ID) @IsUUID('all', { message: 'must be a UUID' }) consortiumId: string;
  @Field(() => ID) @IsUUID('all', { message: 'must be a UUID' }) lotId: string;
  @Field(() => [ShareInput]) @ArrayMaxSize(30) @ValidateNested({ each: true }) @Type(() => ShareInput) shares: ShareInput[];
}
