import { Module } from '@nestjs/common';
import { TrainingsResolver } from './trainings.resolver';
import { TrainingsService } from './trainings.service';

/** Trainings an asset owner requires, their equivalences, and the users authorised through them. */
@Module({
  providers: [TrainingsService, TrainingsResolver],
  exports: [TrainingsService],
})
export class TrainingsModule {}
