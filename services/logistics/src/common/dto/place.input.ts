import { Field, Float, InputType } from '@nestjs/graphql';
import { IsLatitude, IsLongitude, IsOptional, IsString, Length, Matches } from 'class-validator';

@InputType()
export class PlaceInput {
  @Field(() => Float, { description: 'WGS84' })
  @IsLatitude({ message: 'must be a latitude between -90 and 90' })
  latitude: number;

  @Field(() => Float, { description: 'WGS84' })
  @IsLongitude({ message: 'must be a longitude between -180 and 180' })
  longitude: number;

  @Field(() => String, { nullable: true, description: 'INSEE commune code, e.g. 38185 (Grenoble).' })
  @IsOptional()
  @Matches(/^(\d{5}|2[AB]\d{3})$/, { message: 'must be a 5-character INSEE commune code, e.g. 38185' })
  communeInsee?: string | null;

  @Field(() => String, { nullable: true, description: 'A name people recognise, e.g. "MIN de Grenoble".' })
  @IsOptional()
  @IsString()
  @Length(1, 120, { message: 'must be between 1 and 120 characters' })
  label?: string | null;
}
