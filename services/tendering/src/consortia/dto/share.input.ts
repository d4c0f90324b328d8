import { Field, Float, ID, InputType } from '@nestjs/graphql';
import { IsIn, IsNumber, IsUUID, Matches, Max, MaxLength, Min } from 'class-validator';

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
