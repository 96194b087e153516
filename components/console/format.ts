import type { CommandResult } from '@/lib/stores';

/** redis-cli marks a failed command with `(error)`, and a line it cannot split with this text. */
export function isErrorResult(result: Pick<CommandResult, 'ok' | 'text'>): boolean {
  return !result.ok || result.text.startsWith('(error)') || result.text === 'Invalid argument(s)';
}

/** Server time for one command: enough digits to compare commands, never a wall of decimals. */
export function formatMs(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return '–';
  if (ms < 0.01) return '<0.01 ms';
  if (ms < 10) return `${ms.toFixed(2)} ms`;
  if (ms < 1000) return `${Math.round(ms)} ms`;
  return `${(ms / 1000).toFixed(2)} s`;
}
