import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import { assertSameOrganisation } from '@rim/auth';
import { CoDeliveryRequestedSchema, Topic } from '@rim/contracts';
import { newTrace, OutboxWriter } from '@rim/messaging';
import { BadInputError, ConflictError, type FieldProblem, type RequestContext } from '@rim/service-kit';
import { wireLocation } from '../assets/asset-events';
import { AssetsService } from '../assets/assets.service';
import type { Booking } from '../bookings/booking.entity';
import { BookingStatus } from '../bookings/booking.enums';
import { BookingsService } from '../bookings/bookings.service';
import { requireOrganisation } from '../common/principal';
import { CoDeliveryRequest } from './co-delivery-request.entity';
import type { AskCoDeliveryInput } from './dto/ask-co-delivery.input';

@Injectable()
export class CoDeliveriesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly outbox: OutboxWriter,
    private readonly bookings: BookingsService,
    private readonly assets: AssetsService,
  ) {}

  /**
   * The booker asks for the output of a confirmed booking to be carried away: pickup at the
   * asset, from the end of the booking. Recorded with its event in one transaction; logistics
   * makes the shipment and finds the trips.
   */
  async ask(ctx: RequestContext, bookingId: string, input: AskCoDeliveryInput): Promise<Booking> {
    const principal = requireOrganisation(ctx);
    return this.dataSource.transaction(async (tx) => {
      const booking = await this.bookings.lockOrFail(tx, bookingId);
      assertSameOrganisation(principal, booking.bookerOrganisationId, `booking ${booking.id}`);
      if (booking.status !== BookingStatus.CONFIRMED) {
        throw new ConflictError('bookingId', `booking ${booking.id} is ${booking.status}: only a confirmed booking can ask for a co-delivery`);
      }
      const problems: FieldProblem[] = [];
      if (input.deliverBy.getTime() <= booking.endsAt.getTime()) {
        problems.push({ field: 'input.deliverBy', reason: `must be after the end of the booking (${booking.endsAt.toISOString()})` });
      }
      if (input.pallets + input.crates + input.kg === 0) problems.push({ field: 'input.pallets', reason: 'nothing to carry: give pallets, crates or kg' });
      const asset = await this.assets.getOrFail(booking.assetId, tx);
      if (asset.latitude === null || asset.longitude === null) {
        problems.push({ field: 'bookingId', reason: `asset ${asset.id} has no known location to pick the goods up from` });
      }
      if (problems.length) throw new BadInputError(problems);
      if (await tx.existsBy(CoDeliveryRequest, { bookingId: booking.id })) {
        throw new ConflictError('bookingId', `a co-delivery was already asked for booking ${booking.id}`);
      }
      const dropoff = {
        latitude: input.dropoff.latitude,
        longitude: input.dropoff.longitude,
        communeInsee: input.dropoff.communeInsee ?? null,
        label: input.dropoff.label ?? null,
      };
      await tx.insert(CoDeliveryRequest, {
        bookingId: booking.id,
        dropoff,
        deliverBy: input.deliverBy,
        pallets: input.pallets,
        crates: input.crates,
        kg: input.kg,
        declaredValueEur: input.declaredValueEur,
      });
      await this.outbox.record(tx, {
        topic: Topic.CoDeliveryRequested,
        key: booking.id,
        schema: CoDeliveryRequestedSchema,
        message: {
          bookingId: booking.id,
          assetId: asset.id,
          bookerOrganisationId: booking.bookerOrganisationId,
          pickup: wireLocation(asset),
          pickupFrom: booking.endsAt.toISOString(),
          dropoff: { ...dropoff, communeInsee: dropoff.communeInsee ?? '', label: dropoff.label ?? '' },
          deliverBy: input.deliverBy.toISOString(),
          pallets: input.pallets,
          crates: input.crates,
          kg: input.kg,
          declaredValueEur: input.declaredValueEur,
        },
        trace: newTrace(ctx.correlationId),
      });
      return booking;
    });
  }

  async ofBookings(bookingIds: string[]): Promise<Map<string, CoDeliveryRequest>> {
    const rows = await this.dataSource.getRepository(CoDeliveryRequest).findBy({ bookingId: In(bookingIds) });
    return new Map(rows.map((r) => [r.bookingId, r]));
  }
}
