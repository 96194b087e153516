/** One named event of a live stream, with JSON data. */
export interface StreamEvent {
  event: string;
  data: unknown;
}

/**
 * A live line to one browser, as the domain writes it: an async generator of named events that
 * starts with what there is and goes on as things happen, until it returns or `signal` aborts (the
 * browser left, the server is shutting down). Its cleanup (unsubscribing, clearing timers) lives in
 * its `finally`, so it runs whoever ended it. Every wait honours `signal`: a generator parked on an
 * `await` would otherwise reach its `finally` only with the next event. The route carries it over
 * SSE (lib/server/http/sse.ts), so no domain module knows the transport.
 */
export type LiveStream = (signal: AbortSignal) => AsyncIterable<StreamEvent>;
