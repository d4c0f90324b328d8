import { Field, Float, InputType } from '@nestjs/graphql';
import { IsLatitude, IsLongitude, IsOptional, IsString, Length, Matches } from 'class-validator';
import { IsKnownCommune } from '../../reference/reference.validators';
import { IsSiret } from './is-siret.validator';

@InputType()
export class AddSiteInput {
  @Field({ description: 'INSEE SIRET: the SIREN of the organisation plus 5 digits.' })
  @IsSiret()
  siret: string;

  @Field()
  @IsString()
  @Length(2, 200, { message: 'must be between 2 and 200 characters' })
  name: string;

  @Field()
  @IsString()
  @Length(3, 300, { message: 'must be between 3 and 300 characters' })
  addressLine: string;

  @Field()
  @Matches(/^\d{5}$/, { message: 'must be 5 digits' })
  postcode: string;

  @Field({ description: 'INSEE code of the commune, e.g. 38185 for Grenoble.' })
  @IsKnownCommune()
  communeInsee: string;

  @Field(() => Float, { nullable: true, description: 'WGS84. Taken from the commune centre when omitted.' })
  @IsOptional()
  @IsLatitude({ message: 'must be a latitude between -90 and 90' })
  latitude?: number;

  @Field(() => Float, { nullable: true })
  @IsOptional()
  @IsLongitude({ message: 'must be a longitude between -180 and 180' })
  longitude?: number;
}
