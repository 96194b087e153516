import type { CommandMeta } from './language/commandIndex';

const isCommandMeta = (value: unknown): value is CommandMeta => {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return (
    typeof v.name === 'string' &&
    typeof v.summary === 'string' &&
    typeof v.syntax === 'string' &&
    typeof v.group === 'string' &&
    typeof v.allowed === 'boolean' &&
    Array.isArray(v.tokens) &&
    v.tokens.every((t) => typeof t === 'string')
  );
};

/** Reads `GET /api/meta/commands`; entries the editor cannot use are skipped rather than failing all. */
export function parseCommandMetadata(body: unknown): CommandMeta[] | null {
  const commands = typeof body === 'object' && body !== null ? (body as Record<string, unknown>).commands : undefined;
  return Array.isArray(commands) ? commands.filter(isCommandMeta) : null;
}

export async function fetchCommandMetadata(fetchImpl: typeof fetch = fetch): Promise<CommandMeta[] | null> {
  try {
    const response = await fetchImpl('/api/meta/commands', { signal: AbortSignal.timeout(10_000) });
    return response.ok ? parseCommandMetadata(await response.json()) : null;
  } catch {
    return null;
  }
}
