import { Module } from '@nestjs/common';
import { SupplierSearchResolver } from './supplier-search.resolver';
import { SupplierSearchService } from './supplier-search.service';

@Module({ providers: [SupplierSearchResolver, SupplierSearchService], exports: [SupplierSearchService] })
export class SearchModule {}
