import { Module } from '@nestjs/common';
import { OrganisationsResolver } from './organisations.resolver';
import { OrganisationsService } from './organisations.service';

@Module({ providers: [OrganisationsResolver, OrganisationsService] })
export class OrganisationsModule {}
