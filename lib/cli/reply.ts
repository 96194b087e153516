/**
 * A Redis reply as RESP2 delivers it. The console keeps the wire type because redis-cli prints a
 * status (`OK`) and a bulk string (`"OK"`) differently, and the learner is promised redis-cli's output.
 */
export type Reply =
  | { type: 'status'; value: string }
  | { type: 'error'; value: string }
  /** Decimal text, so 64-bit integers survive exactly. */
  | { type: 'integer'; value: string }
  | { type: 'bulk'; value: Uint8Array }
  | { type: 'nil' }
  | { type: 'array'; value: Reply[] };

/** What a reply looks like in the HTTP API's JSON. */
export type ReplyJson =
  | string
  | number
  | null
  | { error: string }
  | { bytes: string }
  /** A reply too large to send whole: its text length; `text` holds the start. */
  | { truncated: number }
  | ReplyJson[];
