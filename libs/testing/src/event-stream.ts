/** One Server-Sent Event whose data is JSON. */
export interface SseEvent {
  event: string;
  data: Record<string, unknown>;
}

export interface EventStream {
  /** The named events received so far, in order (appended to as they arrive). */
  events: SseEvent[];
  /** The comment blocks (`: …`, e.g. keep-alives) received so far. */
  comments: string[];
  status: number;
  /** The response's content type (`text/event-stream` for a stream). */
  type: string | null;
  close(): void;
}

/**
 * Opens a Server-Sent Events stream and reads it in the background until closed; a test waits on
 * `events` with `eventually`. The token, if any, goes in `access_token` (EventSource cannot send headers).
 *
 * @example
 * const stream = await openEventStream(`${base}/atlas/stream`, token);
 * try {
 *   await eventually('the indicator event', () => stream.events.find((e) => e.event === 'indicator'));
 * } finally {
 *   stream.close();
 * }
 */
export async function openEventStream(url: string, token?: string): Promise<EventStream> {
  const controller = new AbortController();
  const response = await fetch(url + (token ? `?access_token=${encodeURIComponent(token)}` : ''), { signal: controller.signal });
  const events: SseEvent[] = [];
  const comments: string[] = [];
  void (async () => {
    const decoder = new TextDecoder();
    let buffer = '';
    try {
      for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
        buffer += decoder.decode(chunk, { stream: true });
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          if (block.startsWith(':')) comments.push(block);
          const name = /^event: (.*)$/m.exec(block)?.[1];
          const data = /^data: (.*)$/m.exec(block)?.[1];
          if (name && data) events.push({ event: name, data: JSON.parse(data) });
        }
      }
    } catch {
      // closed: the abort ends the read
    }
  })();
  return { events, comments, close: () => controller.abort(), status: response.status, type: response.headers.get('content-type') };
}
