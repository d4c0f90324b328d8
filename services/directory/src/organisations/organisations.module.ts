import { Module } from '@nestjs/common';
import { OrganisationProfileResolver } from './organisation-profile.resolver';
import { OrganisationsResolver } from './organisations.resolver';
import { OrganisationsService } from './organisations.service';

@Module({ providers: [OrganisationsResolver, OrganisationProfileResolver, OrganisationsService] })
export class OrganisationsModule {}
