import { registerEnumType } from '@nestjs/graphql';

export enum ConsortiumFormEnum {
  CONJOINT = 'CONJOINT',
  SOLIDAIRE = 'SOLIDAIRE',
}
registerEnumType(ConsortiumFormEnum, {
  name: 'ConsortiumForm',
  description: 'CONJOINT: each member answers for its share; SOLIDAIRE: each member answers for the whole.',
});
