import { toBase64 } from './base64';
import type { Reply, ReplyJson } from './reply';

// ignoreBOM keeps a leading U+FEFF as part of the value instead of silently dropping it.
const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** Turns a reply into the HTTP API's JSON, keeping binary bulk strings and 64-bit integers exact. */
export function replyToJson(reply: Reply): ReplyJson {
  switch (reply.type) {
    case 'status':
      return reply.value;
    case 'error':
      return { error: reply.value };
    case 'integer':
      return integerToJson(reply.value);
    case 'nil':
      return null;
    case 'bulk':
      return bulkToJson(reply.value);
    case 'array':
      return reply.value.map(replyToJson);
  }
}

function integerToJson(decimal: string): number | string {
  const value = Number(decimal);
  return Number.isSafeInteger(value) ? value : decimal;
}

function bulkToJson(bytes: Uint8Array): string | { bytes: string } {
  try {
    return strictUtf8.decode(bytes);
  } catch {
    return { bytes: toBase64(bytes) };
  }
}
