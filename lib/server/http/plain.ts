/**
 * A request as an API route answers it, whichever server received it: Next, through the route's
 * exported handler, or the app's own HTTP server (scripts/server.ts), which skips Next's router.
 * Only what the routes read is kept, so neither side pays to build the other's objects.
 */
export interface PlainRequest {
  /** The Cookie header. */
  cookie: string | null;
  /** Whether the client reached us over https: TLS, or a proxy's `x-forwarded-proto` (Next's rule). */
  secure: boolean;
  /** The declared Content-Length, 0 when absent. */
  declaredLength: number;
  /** The body; iterating may stop early, which must leave the connection able to answer. */
  body: AsyncIterable<Uint8Array> | null;
}

/** A whole JSON answer (these routes never stream). */
export interface PlainAnswer {
  status: number;
  headers: Record<string, string | string[]>;
  body: string;
}

export type PlainHandler = (request: PlainRequest) => Promise<PlainAnswer>;

/** The plain form of a request Next hands to a route handler. */
export function plainRequestOf(request: Request): PlainRequest {
  return {
    cookie: request.headers.get('cookie'),
    secure: new URL(request.url).protocol === 'https:',
    declaredLength: Number(request.headers.get('content-length') ?? 0),
    body: request.body,
  };
}

/** The web Response Next sends for a plain answer. */
export function responseOf({ status, headers, body }: PlainAnswer): Response {
  const out = new Headers();
  for (const [name, value] of Object.entries(headers)) for (const one of [value].flat()) out.append(name, one);
  return new Response(body, { status, headers: out });
}
