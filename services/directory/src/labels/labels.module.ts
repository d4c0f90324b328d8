import { Module } from '@nestjs/common';
import { LabelsResolver } from './labels.resolver';
import { LabelsService } from './labels.service';

/** Origin labels an organisation declares, checked against each label's rules. */
@Module({ providers: [LabelsResolver, LabelsService] })
export class LabelsModule {}
