/** A learner's blocking command waits at most this long, so a forgotten BLPOP 0 cannot hang the console. */
export const MAX_BLOCK_SECONDS = 5;

type Where = 'last' | 'first' | 'block-option';

/** Where each reviewed blocking command keeps its timeout. Unlisted blocking commands stay closed. */
const TIMEOUT_AT: Record<string, Where> = {
  blpop: 'last',
  brpop: 'last',
  brpoplpush: 'last',
  blmove: 'last',
  bzpopmin: 'last',
  bzpopmax: 'last',
  blmpop: 'first',
  bzmpop: 'first',
  xread: 'block-option',
  xreadgroup: 'block-option',
};

const ascii = (text: string) => new Uint8Array(Buffer.from(text, 'latin1'));

function capSeconds(raw: string): string {
  const seconds = Number(raw);
  if (!Number.isFinite(seconds) || raw.trim() === '' || seconds < 0) return raw; // Redis reports the error
  return seconds === 0 || seconds > MAX_BLOCK_SECONDS ? String(MAX_BLOCK_SECONDS) : raw;
}

function capMilliseconds(raw: string): string {
  if (!/^\d+$/.test(raw)) return raw;
  const ms = Number(raw);
  return ms === 0 || ms > MAX_BLOCK_SECONDS * 1000 ? String(MAX_BLOCK_SECONDS * 1000) : raw;
}

/** Returns argv with its timeout capped, or undefined for a blocking command nobody reviewed. */
export function capBlockingTimeout(name: string, argv: Uint8Array[], text: string[]): Uint8Array[] | undefined {
  const where = TIMEOUT_AT[name];
  if (!where) return undefined;
  const out = argv.slice();
  if (where === 'last' && argv.length > 1) out[argv.length - 1] = ascii(capSeconds(text[argv.length - 1]!));
  if (where === 'first' && argv.length > 1) out[1] = ascii(capSeconds(text[1]!));
  if (where === 'block-option') {
    const streams = text.findIndex((t) => t.toLowerCase() === 'streams');
    const end = streams < 0 ? argv.length : streams;
    for (let i = 1; i + 1 < end; i += 1) {
      if (text[i]!.toLowerCase() === 'block') out[i + 1] = ascii(capMilliseconds(text[i + 1]!));
    }
  }
  return out;
}

export function isReviewedBlocking(name: string): boolean {
  return name in TIMEOUT_AT;
}
