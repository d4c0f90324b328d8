import { Args, ID, Query, Resolver } from '@nestjs/graphql';
import { Public } from '@rim/auth';
import { Ctx, type RequestContext } from '@rim/service-kit';
import { OcdsExporter } from './ocds-exporter';

@Resolver()
export class OcdsResolver {
  constructor(private readonly exporter: OcdsExporter) {}

  @Public()
  @Query(() => String, { description: 'The call as an OCDS 1.1.5 release package (JSON), with the lots, bid and consortium extensions. Bids appear once opened.' })
  async ocdsReleasePackage(@Ctx() ctx: RequestContext, @Args('tenderId', { type: () => ID }) tenderId: string): Promise<string> {
    return JSON.stringify(await this.exporter.releasePackage(ctx, tenderId));
  }
}
