import { randomUUID } from 'node:crypto';
import { Controller, Global, Module, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DataSource } from 'typeorm';
import { OrganisationRegisteredSchema, type OrganisationRegistered } from '@rim/contracts';
import { createTestTopic, eventually, KafkaProbe, required } from '@rim/testing';
import { MessagingHealth, MessagingModule, OnEvent, OutboxRelay, deadLetterTopic, startInboxTransport, type InboxContext } from '../src';
import { newBus, openScratchDataSource, ProbeEffect, recordEvent } from './messaging-fixture';

/**
 * A handler written the Nest way, for one topic: it writes its effect through the inbox
 * transaction, then fails for POISON; LEAK writes its effect outside the transaction before
 * failing, the mistake the transaction cannot undo (the negative control).
 */
function probeHandlerFor(topic: string, dataSource: DataSource) {
  @Controller()
  class ProbeEffectHandler {
    attempts = 0;

    @OnEvent(topic, OrganisationRegisteredSchema)
    async handle(event: OrganisationRegistered, { tx }: InboxContext): Promise<void> {
      this.attempts++;
      const effect = { id: randomUUID(), eventKey: event.organisationId };
      if (event.legalName === 'LEAK') {
        await dataSource.getRepository(ProbeEffect).insert(effect);
        throw new Error('cannot apply a leaking event');
      }
      await tx.insert(ProbeEffect, effect);
      if (event.legalName === 'POISON') throw new Error('cannot apply a poison event');
    }
  }
  return ProbeEffectHandler;
}

describe('the inbox as a Nest transport, against real Postgres and Kafka', () => {
  it("a failing @OnEvent handler's writes are rolled back, its event retried then dead-lettered with its error; its neighbour is applied once", async () => {
    const topic = await createTestTopic('inbox-transport');
    const producerDb = await openScratchDataSource('transport_producer');
    const consumerDb = await openScratchDataSource('transport_consumer');
    const bus = newBus('transport-test');
    const [poisonKey, goodKey, leakKey] = [randomUUID(), randomUUID(), randomUUID()];
    await recordEvent(producerDb.dataSource, topic, poisonKey, 'POISON');
    await recordEvent(producerDb.dataSource, topic, goodKey);
    await recordEvent(producerDb.dataSource, topic, leakKey, 'LEAK');
    await new OutboxRelay(producerDb.dataSource, bus).drain();

    const Handler = probeHandlerFor(topic, consumerDb.dataSource);
    @Global()
    @Module({ providers: [{ provide: DataSource, useValue: consumerDb.dataSource }], exports: [DataSource] })
    class ScratchDatabase {}
    @Module({
      imports: [
        ScratchDatabase,
        MessagingModule.forRoot({ service: `transport-${randomUUID()}`, brokers: required('KAFKA_BROKERS').split(','), handlers: [Handler] }),
      ],
    })
    class ProbeApp {}
    const dlq = await KafkaProbe.start([deadLetterTopic(topic)], true);
    let app: INestApplication | undefined;
    try {
      app = await NestFactory.create(ProbeApp, { logger: false });
      await app.init();
      await startInboxTransport(app);
      const effects = (key: string) => consumerDb.dataSource.getRepository(ProbeEffect).countBy({ eventKey: key });

      const poison = await dlq.waitFor((r) => r.key === poisonKey, 60_000);
      expect(poison.headers.dlq_error).toBe('Error: cannot apply a poison event');
      expect(poison.headers.dlq_attempts).toBe('5');
      const leak = await dlq.waitFor((r) => r.key === leakKey, 60_000);
      expect(leak.headers.dlq_error).toBe('Error: cannot apply a leaking event');
      expect(await eventually('the good event applied once', () => effects(goodKey), { until: (n) => n === 1 })).toBe(1);

      // The poison event's own write, made through the inbox transaction, rolled back every time.
      expect(await effects(poisonKey)).toBe(0);
      // Negative control: the write made beside the transaction stays, once per attempt.
      expect(await effects(leakKey)).toBeGreaterThanOrEqual(5);
      // Only the good event is in the inbox: a failed event leaves no row, so a replay applies it.
      const inbox: Array<{ key: string }> = await consumerDb.dataSource.query(`SELECT event_id AS key FROM inbox_message`);
      expect(inbox).toHaveLength(1);
      expect(app.get(Handler).attempts).toBeGreaterThanOrEqual(1 + 5 + 5);
      expect((await app.get(MessagingHealth).check()).find((r) => r.name.startsWith('consumer'))).toMatchObject({ up: true });
    } finally {
      await app?.close();
      await dlq.stop();
      await bus.close();
      await Promise.all([producerDb.drop(), consumerDb.drop()]);
    }
  });
});
