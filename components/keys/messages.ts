import type { KeyEvent, KeysSnapshot, KeyView } from '@/lib/keys/types';
import { isRecord } from '@/lib/api/request';

/** The stream's JSON becomes typed values here, once; a message this page cannot read is dropped. */

const isTime = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);

function isKeyView(value: unknown): value is KeyView {
  return (
    isRecord(value) &&
    typeof value.key === 'string' &&
    typeof value.type === 'string' &&
    (value.expiresAt === null || isTime(value.expiresAt)) &&
    typeof value.preview === 'string' &&
    typeof value.length === 'number'
  );
}

function isKeyEvent(value: unknown): value is KeyEvent {
  return (
    isRecord(value) && typeof value.event === 'string' && typeof value.key === 'string' && (value.view === null || isKeyView(value.view)) && isTime(value.at)
  );
}

function parse(data: string): unknown {
  try {
    return JSON.parse(data);
  } catch {
    return undefined;
  }
}

export function parseSnapshot(data: string): KeysSnapshot | null {
  const body = parse(data);
  if (!isRecord(body) || !isTime(body.now) || (body.mode !== 'push' && body.mode !== 'poll')) return null;
  if (!Array.isArray(body.keys) || !body.keys.every(isKeyView)) return null;
  return { now: body.now, mode: body.mode, keys: body.keys };
}

export function parseKeyEvents(data: string): KeyEvent[] | null {
  const body = parse(data);
  if (!isRecord(body) || !Array.isArray(body.events) || !body.events.every(isKeyEvent)) return null;
  return body.events;
}
