import { Field, Float, InputType } from '@nestjs/graphql';
import { ArrayMaxSize, ArrayMinSize, IsLatitude, IsLongitude, IsNumber, IsOptional, IsString, Length, Matches, MaxLength, Min } from 'class-validator';

@InputType()
export class LotInput {
  @Field() @IsString() @Length(1, 200, { message: 'must be between 1 and 200 characters' }) title: string;

  @Field(() => [String], { description: 'Process codes of the directory taxonomy, e.g. "cnc-milling".' })
  @ArrayMinSize(1, { message: 'must name at least one process' })
  @ArrayMaxSize(10)
  @MaxLength(64, { each: true, message: 'each process must be at most 64 characters' })
  @Matches(/^[a-z0-9]+(-[a-z0-9]+)*$/, { each: true, message: 'each process must be a taxonomy code such as "cnc-milling"' })
  requiredProcesses: string[];

  @Field(() => Float) @IsNumber({}, { message: 'must be a number' }) @Min(0.01, { message: 'must be more than 0' }) quantity: number;

  @Field({ description: 'e.g. "pieces", "hours", "kg".' }) @IsString() @Length(1, 40, { message: 'must be between 1 and 40 characters' }) unit: string;

  @Field({ description: 'INSEE code of the delivery commune, e.g. 38185.' })
  @Matches(/^(\d{5}|2[AB]\d{3})$/, { message: 'must be an INSEE commune code such as 38185' })
  deliveryCommuneInsee: string;

  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @Length(1, 200) deliveryLabel?: string | null;

  @Field(() => Float, { nullable: true, description: 'Delivery point, WGS84; partner suggestions measure distances from it.' })
  @IsOptional()
  @IsLatitude({ message: 'must be a latitude between -90 and 90' })
  deliveryLatitude?: number | null;

  @Field(() => Float, { nullable: true })
  @IsOptional()
  @IsLongitude({ message: 'must be a longitude between -180 and 180' })
  deliveryLongitude?: number | null;

  @Field({ description: 'ISO date, e.g. 2027-03-15.' })
  @Matches(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, { message: 'must be an ISO date such as 2027-03-15' })
  deliveryDate: string;
}
