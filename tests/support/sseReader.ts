import { createParser } from 'eventsource-parser';
import { setTimeout as sleep } from 'node:timers/promises';

export interface SseMessage {
  event: string;
  data: unknown;
}

/** Calls `onMessage` for each named event of a server-sent-events body as it arrives (multi-line `data:` too); resolves at its end. */
export async function readSse(body: ReadableStream<Uint8Array>, onMessage: (message: SseMessage) => void): Promise<void> {
  const parser = createParser({ onEvent: ({ event, data }) => event && onMessage({ event, data: JSON.parse(data) }) });
  const reader = body.getReader();
  const decoder = new TextDecoder();
  for (;;) {
    const { done, value } = await reader.read().catch(() => ({ done: true, value: undefined }));
    if (done) return;
    parser.feed(decoder.decode(value, { stream: true }));
  }
}

/** Reads a server-sent-events response as it arrives, and waits for the messages a test expects. */
export function sseReader(response: Response) {
  const messages: SseMessage[] = [];
  // An error answer stays readable as JSON.
  const streaming = response.headers.get('content-type')?.startsWith('text/event-stream') && response.body;
  const finished = streaming ? readSse(streaming, (message) => messages.push(message)) : Promise.resolve();
  return {
    messages,
    finished,
    async waitFor(predicate: (message: SseMessage) => boolean, timeoutMs = 3_000): Promise<SseMessage> {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const found = messages.find(predicate);
        if (found) return found;
        if (Date.now() > deadline) throw new Error(`No matching message; saw ${JSON.stringify(messages)}`);
        await sleep(20);
      }
    },
  };
}
