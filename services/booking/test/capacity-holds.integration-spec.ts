import { randomUUID } from 'node:crypto';
import { create, toBinary } from '@bufbuild/protobuf';
import { NestFactory } from '@nestjs/core';
import type { INestApplication } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { BidWithdrawnSchema, CapacityHoldRequestedSchema, LotAwardedSchema, Topic, type CapacityHoldRequested } from '@rim/contracts';
import { EVENT_BUS, eventHeaders, InboxConsumer, InboxContext, newTrace, type EventBus, type IncomingRecord, type IntegrationEventHandler } from '@rim/messaging';
import { createScratchDatabase, memberPrincipal, required } from '@rim/testing';
import { AppModule } from '../src/app.module';
import { loadBookingConfig } from '../src/booking.config';
import { BookingsService } from '../src/bookings/bookings.service';
import { CapacityHoldsService } from '../src/holds/capacity-holds.service';
import { BidWithdrawnHandler } from '../src/holds/handlers/bid-withdrawn.handler';
import { CapacityHoldRequestedHandler } from '../src/holds/handlers/capacity-hold-requested.handler';
import { LotAwardedHandler } from '../src/holds/handlers/lot-awarded.handler';

/** An `@OnEvent` controller as the plain handler an InboxConsumer applies, in the inbox transaction. */
function inboxHandler<Desc extends IntegrationEventHandler['schema']>(
  topic: string,
  schema: Desc,
  controller: { handle(event: never, context: InboxContext): Promise<void> },
): IntegrationEventHandler<Desc> {
  return { topic, schema, handle: (event, meta, tx) => controller.handle(event as never, new InboxContext([tx, meta, topic])) };
}

// Issue 11 item 6: "holds never overlap confirmed bookings (booking's exclusion constraint applies)".
const HOUR = 3_600_000;
const RACERS = 12;
const MEMBER = '55555555-5555-4555-8555-555555555555';
const BOOKER = '66666666-6666-4666-8666-666666666666';

const OVERLAPS = `SELECT count(*)::int AS n FROM booking a JOIN booking b ON a.asset_id = b.asset_id AND a.id < b.id AND a.slot && b.slot
  WHERE a.asset_id = $1 AND a.status IN ('CONFIRMED','HELD') AND b.status IN ('CONFIRMED','HELD')`;

describe('capacity holds in booking: inside the exclusion constraint, real Postgres', () => {
  let app: INestApplication;
  let dataSource: DataSource;
  let drop: () => Promise<void>;
  const origin = Math.ceil((Date.now() + 48 * HOUR) / HOUR) * HOUR;

  beforeAll(async () => {
    const db = await createScratchDatabase('booking_capacity_holds');
    drop = db.drop;
    const config = loadBookingConfig({
      NODE_ENV: 'test', BOOKING_DATABASE_URL: db.url, BOOKING_DB_POOL_SIZE: '20',
      KAFKA_BROKERS: required('KAFKA_BROKERS'), OIDC_ISSUER: required('OIDC_ISSUER'),
    });
    app = await NestFactory.create(AppModule.forRoot(config), { logger: ['error'] });
    await app.init();
    dataSource = app.get(DataSource);
  });

  afterAll(async () => {
    await app?.close();
    await drop?.();
  });

  async function machine(name: string, processCode = 'CNC_MILLING'): Promise<string> {
    const id = randomUUID();
    await dataSource.query(
      `INSERT INTO asset (id, organisation_id, name, kind, process_code, opening_hours, min_booking_minutes, max_booking_minutes, price_model, hourly_rate_cents)
       VALUES ($1, $2, $3, 'MACHINE', $4, $5, 30, 480, 'HOURLY', 1500)`,
      [id, MEMBER, name, processCode, JSON.stringify([1, 2, 3, 4, 5, 6, 7].map((day) => ({ day, opens: '00:00', closes: '24:00' })))],
    );
    return id;
  }

  /** An ask whose window is exactly `hours` long from `start`: every racer wants the same block. */
  function ask(start: number, hours: number, processCode = 'cnc-milling'): CapacityHoldRequested {
    return create(CapacityHoldRequestedSchema, {
      bidId: randomUUID(), tenderId: randomUUID(), expiresAt: new Date(start + 30 * 24 * HOUR).toISOString(),
      asks: [{ organisationId: MEMBER, lotId: randomUUID(), processCode, hours, notBefore: new Date(start).toISOString(), deliverBy: new Date(start + hours * HOUR).toISOString() }],
    });
  }

  /** Half the racers ask for a hold, half book the slot, all at once. */
  async function race(assetId: string, start: number): Promise<{ held: number; booked: number; refused: number; conflicts: number; other: string[] }> {
    const holds = app.get(CapacityHoldsService);
    const bookings = app.get(BookingsService);
    const out = { held: 0, booked: 0, refused: 0, conflicts: 0, other: [] as string[] };
    await Promise.all(Array.from({ length: RACERS }, async (_, i) => {
      if (i % 2 === 0) {
        const event = ask(start, 2);
        await dataSource.transaction((tx) => holds.request(tx, event, newTrace()));
        const [row] = await dataSource.query(`SELECT status FROM capacity_hold WHERE bid_id = $1`, [event.bidId]);
        if (row.status === 'HELD') out.held++;
        else out.refused++;
      } else {
        try {
          await bookings.request({ principal: memberPrincipal(BOOKER, i), correlationId: `race-${i}` }, { assetId, startsAt: new Date(start), endsAt: new Date(start + 2 * HOUR) });
          out.booked++;
        } catch (e) {
          if ((e as { extensions?: { code?: string } }).extensions?.code === 'CONFLICT') out.conflicts++;
          else out.other.push((e as Error).message);
        }
      }
    }));
    return out;
  }

  it('concurrent holds and bookings on one slot: exactly one wins, no overlap; with holds outside the constraint, overlaps appear', async () => {
    const asset = await machine('Fraiseuse DMU 50');
    const guarded = await race(asset, origin);
    const [{ n: overlaps }] = await dataSource.query(OVERLAPS, [asset]);
    expect(guarded.other).toEqual([]);
    expect(guarded.held + guarded.booked).toBe(1);
    expect(guarded.refused + guarded.conflicts).toBe(RACERS - 1);
    expect(overlaps).toBe(0);
    const [{ n: refusalsWithReason }] = await dataSource.query(
      `SELECT count(*)::int AS n FROM capacity_hold WHERE status = 'REFUSED' AND reason LIKE 'no free block of 2 h on Fraiseuse DMU 50 between %'`,
    );
    expect(refusalsWithReason).toBe(guarded.refused);

    // Negative control: the constraint as it was before this migration (CONFIRMED only). The same
    // race on another machine then lets holds and bookings overlap.
    const loose = await machine('Fraiseuse témoin');
    await dataSource.query(`ALTER TABLE booking DROP CONSTRAINT booking_no_overlap`);
    try {
      await dataSource.query(`ALTER TABLE booking ADD CONSTRAINT booking_no_overlap EXCLUDE USING gist (asset_id WITH =, slot WITH &&) WHERE (status = 'CONFIRMED')`);
      // A hold first, then a booking of the same slot: nothing but the constraint stands between them,
      // so this is deterministic where a race would depend on who commits first.
      await dataSource.transaction((tx) => app.get(CapacityHoldsService).request(tx, ask(origin, 2), newTrace()));
      const [{ n: heldOnLoose }] = await dataSource.query(`SELECT count(*)::int AS n FROM booking WHERE asset_id = $1 AND status = 'HELD'`, [loose]);
      expect(heldOnLoose).toBe(1);
      await app.get(BookingsService).request({ principal: memberPrincipal(BOOKER, 0), correlationId: 'loose-0' }, { assetId: loose, startsAt: new Date(origin), endsAt: new Date(origin + 2 * HOUR) });
      const [{ n: looseOverlaps }] = await dataSource.query(OVERLAPS, [loose]);
      expect(looseOverlaps).toBeGreaterThan(0);
    } finally {
      await dataSource.query(`DELETE FROM capacity_hold WHERE asset_id = $1`, [loose]);
      await dataSource.query(`DELETE FROM booking WHERE asset_id = $1`, [loose]);
      await dataSource.query(`ALTER TABLE booking DROP CONSTRAINT booking_no_overlap`);
      await dataSource.query(`ALTER TABLE booking ADD CONSTRAINT booking_no_overlap EXCLUDE USING gist (asset_id WITH =, slot WITH &&) WHERE (status IN ('CONFIRMED','HELD'))`);
    }
  }, 60_000);

  it('a held slot refuses a later booking, and a hold goes after a confirmed booking, never over it', async () => {
    const asset = await machine('Centre d\'usinage Hermle');
    const start = origin + 10 * 24 * HOUR;
    const event = ask(start, 3);
    await dataSource.transaction((tx) => app.get(CapacityHoldsService).request(tx, event, newTrace()));
    const refused = app.get(BookingsService).request({ principal: memberPrincipal(BOOKER, 1), correlationId: 'after-hold' }, { assetId: asset, startsAt: new Date(start + HOUR), endsAt: new Date(start + 2 * HOUR) });
    await expect(refused).rejects.toMatchObject({ extensions: { code: 'CONFLICT' } });

    // A wider window with a confirmed booking at its start: the hold is placed right after it.
    const later = origin + 20 * 24 * HOUR;
    await app.get(BookingsService).request({ principal: memberPrincipal(BOOKER, 2), correlationId: 'before-hold' }, { assetId: asset, startsAt: new Date(later), endsAt: new Date(later + 2 * HOUR) });
    const wide = create(CapacityHoldRequestedSchema, { ...ask(later, 3), asks: [{ ...ask(later, 3).asks[0], deliverBy: new Date(later + 24 * HOUR).toISOString() }] });
    await dataSource.transaction((tx) => app.get(CapacityHoldsService).request(tx, wide, newTrace()));
    const [hold] = await dataSource.query(`SELECT h.status, b.starts_at FROM capacity_hold h JOIN booking b ON b.id = h.booking_id WHERE h.bid_id = $1`, [wide.bidId]);
    expect(hold.status).toBe('HELD');
    expect(new Date(hold.starts_at).getTime()).toBe(later + 2 * HOUR);
  });

  it('refuses with its reason when the member lists no asset for the process', async () => {
    const event = ask(origin, 2, 'powder-coating');
    await dataSource.transaction((tx) => app.get(CapacityHoldsService).request(tx, event, newTrace()));
    const [row] = await dataSource.query(`SELECT status, reason, booking_id FROM capacity_hold WHERE bid_id = $1`, [event.bidId]);
    expect(row).toEqual({ status: 'REFUSED', reason: 'the organisation lists no asset offering powder-coating', booking_id: null });
  });

  it('through the inbox: a redelivered hold request is applied once; withdrawal releases, award confirms; both announced', async () => {
    await machine('Fraiseuse Mazak', 'CNC_MILLING');
    const inbox = new InboxConsumer(dataSource, app.get<EventBus>(EVENT_BUS), {
      consumer: 'booking-capacity-holds-test',
      // The service's own handler instances, applied by a consumer of this test's group (the
      // service's transport would join the booking group on the shared broker).
      handlers: [
        inboxHandler(Topic.CapacityHoldRequested, CapacityHoldRequestedSchema, app.get(CapacityHoldRequestedHandler, { strict: false })),
        inboxHandler(Topic.BidWithdrawn, BidWithdrawnSchema, app.get(BidWithdrawnHandler, { strict: false })),
        inboxHandler(Topic.LotAwarded, LotAwardedSchema, app.get(LotAwardedHandler, { strict: false })),
      ],
    });
    const record = (topic: string, typeName: string, value: Uint8Array, key: string): IncomingRecord => ({
      topic, key, value: Buffer.from(value), partition: 0, offset: '0',
      headers: eventHeaders({ id: randomUUID(), typeName, source: 'tendering-test', trace: newTrace() }),
    });
    const start = origin + 40 * 24 * HOUR;
    const won = ask(start, 4);
    const withdrawn = ask(start + 5 * HOUR, 4);
    const requestOf = (e: CapacityHoldRequested) => record(Topic.CapacityHoldRequested, CapacityHoldRequestedSchema.typeName, toBinary(CapacityHoldRequestedSchema, e), e.tenderId);
    const first = requestOf(won);
    await inbox.process(first);
    await inbox.process(first); // redelivered: same event id
    await inbox.process(requestOf(withdrawn));
    const [{ holds, rows }] = await dataSource.query(
      `SELECT (SELECT count(*)::int FROM capacity_hold WHERE bid_id = $1) AS holds, (SELECT count(*)::int FROM booking WHERE booker_user_id = 'tendering-bid:' || $1) AS rows`,
      [won.bidId],
    );
    expect({ holds, rows }).toEqual({ holds: 1, rows: 1 });

    await inbox.process(record(Topic.BidWithdrawn, BidWithdrawnSchema.typeName,
      toBinary(BidWithdrawnSchema, create(BidWithdrawnSchema, { bidId: withdrawn.bidId, tenderId: withdrawn.tenderId, bidderOrganisationId: MEMBER })), withdrawn.tenderId));
    await inbox.process(record(Topic.LotAwarded, LotAwardedSchema.typeName,
      toBinary(LotAwardedSchema, create(LotAwardedSchema, { tenderId: won.tenderId, lotId: won.asks[0].lotId, winningBidId: won.bidId })), won.tenderId));
    const states = await dataSource.query(
      `SELECT h.bid_id, h.status AS hold, b.status AS booking, h.reason FROM capacity_hold h JOIN booking b ON b.id = h.booking_id WHERE h.bid_id = ANY($1::uuid[])`,
      [[won.bidId, withdrawn.bidId]],
    );
    expect(states.find((s: { bid_id: string }) => s.bid_id === won.bidId)).toMatchObject({ hold: 'CONFIRMED', booking: 'CONFIRMED', reason: 'the bid won the lot' });
    expect(states.find((s: { bid_id: string }) => s.bid_id === withdrawn.bidId)).toMatchObject({ hold: 'RELEASED', booking: 'RELEASED', reason: 'the bid was withdrawn' });
    // Each step announced once, keyed by the bid: held, held, released, confirmed.
    const announced = await dataSource.query(`SELECT message_key FROM outbox_message WHERE topic = $1 AND message_key = ANY($2::text[])`, [
      Topic.CapacityHoldChanged, [won.bidId, withdrawn.bidId],
    ]);
    expect(announced).toHaveLength(4);

    // A hold request read after its bid's withdrawal (two topics, no order between them) is refused.
    const late = ask(start + 20 * HOUR, 2);
    await inbox.process(record(Topic.BidWithdrawn, BidWithdrawnSchema.typeName,
      toBinary(BidWithdrawnSchema, create(BidWithdrawnSchema, { bidId: late.bidId, tenderId: late.tenderId, bidderOrganisationId: MEMBER, replaced: true })), late.tenderId));
    await inbox.process(requestOf(late));
    const [lateRow] = await dataSource.query(`SELECT status, reason FROM capacity_hold WHERE bid_id = $1`, [late.bidId]);
    expect(lateRow).toEqual({ status: 'REFUSED', reason: 'the bid was replaced before its hold was asked' });
  });

  it('a hold whose saga never resolves expires at the bid validity end, and frees the slot', async () => {
    const asset = await machine('Fraiseuse oubliée');
    const start = origin + 60 * 24 * HOUR;
    const event = create(CapacityHoldRequestedSchema, { ...ask(start, 2), expiresAt: new Date(Date.now() - 1000).toISOString() });
    event.asks[0].deliverBy = new Date(start + 2 * HOUR).toISOString();
    await dataSource.transaction((tx) => app.get(CapacityHoldsService).request(tx, event, newTrace()));
    expect(await app.get(CapacityHoldsService).expireDue()).toBeGreaterThanOrEqual(1);
    const [row] = await dataSource.query(`SELECT h.status, b.status AS booking FROM capacity_hold h JOIN booking b ON b.id = h.booking_id WHERE h.bid_id = $1`, [event.bidId]);
    expect(row).toEqual({ status: 'EXPIRED', booking: 'EXPIRED' });
    const booked = await app.get(BookingsService).request({ principal: memberPrincipal(BOOKER, 3), correlationId: 'after-expiry' }, { assetId: asset, startsAt: new Date(start), endsAt: new Date(start + 2 * HOUR) });
    expect(booked.status).toBe('CONFIRMED');
  });
});
