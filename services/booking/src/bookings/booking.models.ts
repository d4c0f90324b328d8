import { Field, Float, ObjectType } from '@nestjs/graphql';
import { Asset } from '../assets/asset.entity';
import { Booking } from './booking.entity';

@ObjectType({ description: 'A free interval of one asset.' })
export class FreeSlot {
  @Field(() => Asset)
  asset: Asset;

  @Field()
  startsAt: Date;

  @Field()
  endsAt: Date;

  @Field(() => Float, { nullable: true, description: 'From the point searched around.' })
  distanceKm: number | null;
}

@ObjectType({ description: 'Booked hours over open hours of one asset in a window.' })
export class Utilisation {
  @Field()
  from: Date;

  @Field()
  to: Date;

  @Field(() => Float)
  openHours: number;

  @Field(() => Float)
  bookedHours: number;

  @Field(() => Float, { description: 'bookedHours / openHours, 0 when never open.' })
  ratio: number;
}

@ObjectType({ description: 'The immediate answer to a reschedule request.' })
export class RescheduleAnswer {
  @Field()
  moved: boolean;

  @Field(() => Booking)
  booking: Booking;

  @Field()
  message: string;
}
