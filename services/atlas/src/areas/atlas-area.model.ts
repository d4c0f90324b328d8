import { Field, ObjectType } from '@nestjs/graphql';
import { AtlasValue } from '../common/atlas-value.model';
import { AtlasSectorShare } from './atlas-sector-share.model';
import { AtlasTierShare } from './atlas-tier-share.model';
import { AtlasGap } from './atlas-gap.model';

@ObjectType({ description: 'An area of the atlas with every indicator the caller may see.' })
export class AtlasArea {
  @Field()
  level: string;
  @Field()
  code: string;
  @Field()
  name: string;
  @Field(() => [AtlasValue])
  indicators: AtlasValue[];
  @Field(() => [AtlasSectorShare])
  sectorMix: AtlasSectorShare[];
  @Field(() => [AtlasTierShare])
  tierMix: AtlasTierShare[];
  @Field(() => [AtlasGap], { description: 'Processes asked for in the area with no local supplier (public: calls for tenders and declared processes are).' })
  gaps: AtlasGap[];
}
