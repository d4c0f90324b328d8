import { Field, InputType, Int } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsInt, IsString, Length, Max, Min, ValidateNested } from 'class-validator';
import { IsKnownProcess } from '../../reference/reference.validators';

@InputType()
export class CapabilityInput {
  @Field({ description: 'Process code from the taxonomy (query `processes`).' })
  @IsKnownProcess()
  processCode: string;

  @Field(() => [String], { defaultValue: [] })
  @ArrayMaxSize(30, { message: 'at most 30 materials' })
  @IsString({ each: true })
  @Length(1, 80, { each: true, message: 'each material must be 1 to 80 characters' })
  materials: string[];

  @Field(() => [String], { defaultValue: [], description: 'e.g. ISO 9001, EN 9100, IATF 16949.' })
  @ArrayMaxSize(20, { message: 'at most 20 certifications' })
  @IsString({ each: true })
  @Length(2, 40, { each: true, message: 'each certification must be 2 to 40 characters' })
  certifications: string[];

  @Field(() => Int, { description: 'Smallest batch accepted (parts).' })
  @IsInt({ message: 'must be a whole number of parts' })
  @Min(1, { message: 'must be at least 1' })
  minBatch: number;

  @Field(() => Int, { description: 'Largest batch accepted (parts).' })
  @IsInt({ message: 'must be a whole number of parts' })
  @Min(1, { message: 'must be at least 1' })
  @Max(100_000_000, { message: 'must be at most 100 000 000' })
  maxBatch: number;

  @Field(() => Int, { description: 'Usual lead time in days.' })
  @IsInt({ message: 'must be a whole number of days' })
  @Min(0, { message: 'cannot be negative' })
  @Max(730, { message: 'must be at most 730 days' })
  leadTimeDays: number;
}

@InputType()
export class SetSiteCapabilitiesInput {
  @Field(() => [CapabilityInput])
  @ArrayMaxSize(50, { message: 'at most 50 capabilities per site' })
  @ValidateNested({ each: true })
  @Type(() => CapabilityInput)
  capabilities: CapabilityInput[];
}
