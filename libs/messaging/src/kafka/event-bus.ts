/** A record as it goes on the wire: topic, key, binary payload and string headers. */
export interface OutgoingRecord {
  topic: string;
  key: string;
  value: Buffer;
  headers: Record<string, string>;
}

/** A record as a consumer receives it. */
export interface IncomingRecord extends OutgoingRecord {
  partition: number;
  offset: string;
}

/** The records of one partition as one fetch returned them, oldest first. */
export interface IncomingBatch {
  records: IncomingRecord[];
  /** Marks `upTo` and every record before it as consumed (its offset is committed), and heartbeats. */
  commit(upTo: IncomingRecord): Promise<void>;
  /** True once the partition was revoked or sought: the rest of the batch will not be kept. */
  stale(): boolean;
}

/**
 * The broker seen by the rest of the code. Kafka (kafkajs) is the one implementation today; the
 * interface is what lets it be swapped (see docs/decisions/0003-kafka-client.md).
 */
export interface EventBus {
  /** Resolves once every record is acknowledged by the broker (acks=all), rejects otherwise. */
  publish(records: OutgoingRecord[]): Promise<void>;
  /**
   * Calls `handle` for each record of `topics`, one partition's records in order. The offset is
   * committed only after `handle` resolves; if it rejects, the record is delivered again.
   */
  subscribe(
    groupId: string,
    topics: string[],
    handle: (record: IncomingRecord) => Promise<void>,
  ): Promise<Subscription>;
  /**
   * Calls `handle` with the records of one partition as fetched, in order (optional: a bus without
   * it is consumed record by record). Nothing is committed until `batch.commit(record)` is awaited,
   * which marks that record and every one before it as consumed; if `handle` rejects, every
   * record after the last committed one is delivered again.
   */
  subscribeBatches?(
    groupId: string,
    topics: string[],
    handle: (batch: IncomingBatch) => Promise<void>,
  ): Promise<Subscription>;
  /** Resolves if the broker answers within `timeoutMs`, rejects saying why otherwise (health checks). */
  ping(timeoutMs: number): Promise<void>;
  close(): Promise<void>;
}

/** Whether a consumer is in its group and fetching, and if not, why (for health checks). */
export interface SubscriptionStatus {
  running: boolean;
  detail: string;
}

export interface Subscription {
  status(): SubscriptionStatus;
  close(): Promise<void>;
}
