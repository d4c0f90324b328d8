import { Field, ID, InputType } from '@nestjs/graphql';
import { IsBoolean, IsEnum, IsOptional, IsString, IsUUID, Length } from 'class-validator';
import { ConsortiumFormEnum } from '../consortium-form.enum';

@InputType()
export class CreateConsortiumInput {
  @Field(() => ID) @IsUUID('all', { message: 'must be a UUID' }) tenderId: string;
  @Field() @IsString() @Length(1, 200, { message: 'must be between 1 and 200 characters' }) name: string;
  @Field(() => ConsortiumFormEnum, { nullable: true }) @IsOptional() @IsEnum(ConsortiumFormEnum, { message: 'must be CONJOINT or SOLIDAIRE' }) form?: ConsortiumFormEnum | null;
  @Field({ defaultValue: false }) @IsBoolean() leadJointlyLiable: boolean;
}
