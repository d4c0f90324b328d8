/**
 * `npm run dlq -- <command>`: the dead letters of the platform's topics, for operators.
 *
 *   npm run dlq -- list                    every dead-letter topic and how many records it holds
 *   npm run dlq -- list <topic>            one line per dead letter: where, when, attempts, error
 *   npm run dlq -- inspect <topic>         each dead letter in full, its payload decoded (libs/contracts)
 *   npm run dlq -- replay <topic>          sends the dead letters not replayed yet back to <topic>
 *   npm run dlq -- replay <topic> --all    ... all of them again
 *   npm run dlq -- replay <topic> --offset 0:12 [--offset 1:3]   ... only these (partition:offset)
 *
 * The broker is KAFKA_BROKERS, or the local dev stack's (127.0.0.1:19092). A replayed event keeps
 * its id, so a consumer that already applied it (its inbox has the id) does nothing.
 */
import { fromBinary, toJson } from '@bufbuild/protobuf';
import { TOPIC_SCHEMAS, type TopicName } from '@rim/contracts';
import { DeadLetters, type DeadLetter } from '@rim/messaging';

const USAGE = 'usage: npm run dlq -- list [<topic>] | inspect <topic> | replay <topic> [--all] [--offset <partition>:<offset> ...]';

/** The payload as JSON when the topic's schema decodes it, else why not. */
export function decodePayload(topic: string, value: Buffer): unknown {
  const schema = TOPIC_SCHEMAS[topic as TopicName];
  if (!schema) return { undecoded: `no schema for ${topic} in libs/contracts`, base64: value.toString('base64') };
  try {
    return toJson(schema, fromBinary(schema, value));
  } catch (error) {
    return { undecodable: (error as Error).message, base64: value.toString('base64') };
  }
}

const line = (l: DeadLetter) =>
  `${l.partition}:${l.offset}  ${l.deadLetteredAt.toISOString()}  from ${l.originalTopic}@${l.originalPartition ?? '?'}:${l.originalOffset ?? '?'}  ` +
  `attempts ${l.attempts ?? '?'}  event ${l.eventId ?? '?'}  ${l.error}`;

async function main(argv: string[]): Promise<number> {
  const [command, topic, ...rest] = argv;
  const brokers = (process.env.KAFKA_BROKERS ?? '127.0.0.1:19092').split(',');
  const dlq = new DeadLetters(brokers);
  try {
    if (command === 'list' && !topic) {
      const topics = await dlq.topics();
      for (const t of topics) console.log(`${String(t.count).padStart(6)}  ${t.topic}.dlq`);
      if (!topics.length) console.log('no dead-letter topics');
      return 0;
    }
    if (!topic || !['list', 'inspect', 'replay'].includes(command)) {
      console.error(USAGE);
      return 2;
    }
    if (command === 'list') {
      const letters = await dlq.list(topic);
      letters.forEach((l) => console.log(line(l)));
      console.log(`${letters.length} dead letter(s) in ${topic.replace(/\.dlq$/, '')}.dlq`);
      return 0;
    }
    if (command === 'inspect') {
      for (const l of await dlq.list(topic)) {
        const { value, ...rest } = l;
        console.log(JSON.stringify({ ...rest, payload: decodePayload(l.originalTopic, value) }, null, 2));
      }
      return 0;
    }
    const offsets = rest.flatMap((arg, i) => (arg === '--offset' && rest[i + 1] ? [rest[i + 1]] : []));
    if (offsets.some((o) => !/^\d+:\d+$/.test(o))) {
      console.error(`--offset takes <partition>:<offset>, e.g. 0:12\n${USAGE}`);
      return 2;
    }
    const { replayed, letters } = await dlq.replay(topic, { all: rest.includes('--all'), offsets: offsets.length ? offsets : undefined });
    letters.forEach((l) => console.log(`replayed ${line(l)}`));
    console.log(`${replayed} dead letter(s) replayed to ${topic.replace(/\.dlq$/, '')}`);
    return 0;
  } finally {
    await dlq.close();
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error) => {
      console.error(`dlq: ${(error as Error).message}`);
      process.exit(1);
    },
  );
}
