/**
 * A live line to one browser, as the domain sees it: named events with JSON data, and the moment it
 * closes. The domain writes a stream as an `EventProducer`; the route carries it over SSE
 * (lib/server/http/sse.ts), so no domain module knows the transport.
 */
export interface EventChannel {
  /** Sends one named event with JSON data; a no-op once closed. */
  send(event: string, data: unknown): void;
  close(): void;
  /** Runs once when the stream closes, whoever closed it (the client, the server, a shutdown). */
  onClose(cleanup: () => void): void;
  readonly closed: boolean;
}

/** Fills a channel: sends what there is, then more as it happens, until either side closes it. */
export type EventProducer = (channel: EventChannel) => void | Promise<void>;
