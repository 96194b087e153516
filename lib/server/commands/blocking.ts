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

/**
 * Redis reads a timeout in seconds with strtold, which also takes hex floats (`0x1.8p2` is 6) and
 * `inf`, where JavaScript's Number sees nothing; only decimals both read alike are let through, so
 * the cap judges the number Redis will use.
 */
const PLAIN_SECONDS = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const NOT_PLAIN = 'ERR the timeout must be a plain number of seconds, such as 1 or 0.5';

function capSeconds(raw: string): string | undefined {
  if (!PLAIN_SECONDS.test(raw)) return undefined;
  const seconds = Number(raw);
  if (seconds < 0) return raw; // Redis reports the error
  return seconds === 0 || seconds > MAX_BLOCK_SECONDS ? String(MAX_BLOCK_SECONDS) : raw;
}

function capMilliseconds(raw: string): string {
  if (!/^\d+$/.test(raw)) return raw;
  const ms = Number(raw);
  return ms === 0 || ms > MAX_BLOCK_SECONDS * 1000 ? String(MAX_BLOCK_SECONDS * 1000) : raw;
}

/**
 * Returns argv with its timeout capped, undefined for a blocking command nobody reviewed, or a
 * refusal when the timeout is not a plain number.
 */
export function capBlockingTimeout(name: string, argv: Uint8Array[], text: string[]): Uint8Array[] | string | undefined {
  const where = TIMEOUT_AT[name];
  if (!where) return undefined;
  const out = argv.slice();
  const at = where === 'last' ? argv.length - 1 : where === 'first' ? 1 : -1;
  if (at > 0) {
    const capped = capSeconds(text[at]!);
    if (capped === undefined) return NOT_PLAIN;
    out[at] = ascii(capped);
  }
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
