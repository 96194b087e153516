import type { Growth } from '../commands/amplifiers';

/** What a session holds, as last measured: its keys and the bytes Redis says they take. */
export interface Usage {
  keys: number;
  bytes: number;
}

export type QuotaLimits = Usage;

/** One command of a run, as far as the caps care. */
export interface PlannedCommand {
  addsData: boolean;
  growth: Growth;
  /** The bytes of its arguments: at most what it can store, unless `growth` says more. */
  carried: number;
}

export function isOver(usage: Usage, limits: QuotaLimits): boolean {
  return usage.keys > limits.keys || usage.bytes > limits.bytes;
}

/** "512 KB", "2.1 MB", "8 MB": sizes as a learner reads them. */
export function formatSize(bytes: number): string {
  if (bytes < 1024 * 1024) return `${Math.ceil(bytes / 1024).toLocaleString('en')} KB`;
  return `${(Math.round((bytes / (1024 * 1024)) * 10) / 10).toLocaleString('en')} MB`;
}

const keysText = (n: number) => `${n.toLocaleString('en')} ${n === 1 ? 'key' : 'keys'}`;

/** Worded like Redis's own OOM refusal, with the numbers a learner needs to act on it. */
export function fullMessage(usage: Usage, limits: QuotaLimits): string {
  return (
    `ERR your playground is full: it holds ${keysText(usage.keys)} and ${formatSize(usage.bytes)}, ` +
    `and may hold ${keysText(limits.keys)} and ${formatSize(limits.bytes)}. Delete some keys to write again.`
  );
}

function tooBigMessage(bytes: number, limits: QuotaLimits): string {
  return `ERR this would make a value of ${formatSize(bytes)}, more than the ${formatSize(limits.bytes)} your playground may hold. Use a smaller offset.`;
}

function runTooBigMessage(limits: QuotaLimits): string {
  return `ERR this line, with the lines before it in this run, could add more than the ${formatSize(limits.bytes)} your playground may hold. Run it on its own.`;
}

/**
 * Which commands of a run may go ahead: `undefined` for those that may, the refusal for the rest.
 * A full session may add nothing. Otherwise one run may add at most one memory cap: the caps are
 * measured between runs, so without this a 1,000-line run of `COPY big big<n>` would multiply the
 * session before anyone looked. A copy counts as large as everything the session may hold by then.
 */
export function admit(plan: PlannedCommand[], usage: Usage, limits: QuotaLimits): (string | undefined)[] {
  if (isOver(usage, limits)) {
    const full = fullMessage(usage, limits);
    return plan.map((command) => (command.addsData ? full : undefined));
  }
  let added = 0;
  return plan.map(({ addsData, growth, carried }) => {
    if (!addsData) return undefined;
    if (growth.kind === 'bytes' && growth.bytes > limits.bytes) return tooBigMessage(growth.bytes, limits);
    const adds = growth.kind === 'bytes' ? Math.max(growth.bytes, carried) : growth.kind === 'copy' ? usage.bytes + added : carried;
    if (added + adds > limits.bytes) return runTooBigMessage(limits);
    added += adds;
    return undefined;
  });
}
