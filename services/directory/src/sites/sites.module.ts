import { Module } from '@nestjs/common';
import { SiteReferenceResolver } from './site-reference.resolver';
import { SitesResolver } from './sites.resolver';
import { SitesService } from './sites.service';

/** Where an organisation makes things: its sites, and `Site` as a federation entity. */
@Module({ providers: [SitesResolver, SiteReferenceResolver, SitesService] })
export class SitesModule {}
