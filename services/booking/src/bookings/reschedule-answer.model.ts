import { Field, ObjectType } from '@nestjs/graphql';
import { BookingModel, bookingModel } from './booking.model';
import type { RescheduleAnswer } from './bookings.service';

@ObjectType('RescheduleAnswer', { description: 'The immediate answer to a reschedule request.' })
export class RescheduleAnswerModel {
  @Field() moved: boolean;
  @Field(() => BookingModel) booking: BookingModel;
  @Field() message: string;
}

export function rescheduleAnswerModel(a: RescheduleAnswer): RescheduleAnswerModel {
  return { moved: a.moved, booking: bookingModel(a.booking), message: a.message };
}
