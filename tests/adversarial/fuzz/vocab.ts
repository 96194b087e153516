/** What the attacker knows about the server: everything here may be spelled in a generated line. */
export interface Known {
  attackerId: string;
  /** The canary the attacker aims at: its prefix, and every key it holds (internal `#` keys too). */
  victimId: string;
  victimKeys: string[];
  /** App keys outside any learner namespace: the sessions zset, a room's join code and data. */
  appKeys: string[];
}

/**
 * Key names. A small pool of plain names keeps the attacker within its key cap and makes commands
 * meet keys of the wrong type; the rest spell names that must never reach Redis as they are.
 */
export function keyNames(k: Known): string[] {
  const victim = `sl:{${k.victimId}}:`;
  return [
    ...['k', 'src', 'mine', 'l', 'h', 's', 'z', 'g', 'x', 'dst'],
    // Hash tags, empty and odd names: the namespace must hold whatever slot or bytes they spell.
    ...['{k}', 'a{b}c', '{}', '}{', '{sl:}', '', 'a b', '\xff\x00', '#', '*', 'STORE'],
    ...[`${victim}secret`, `${victim}cache:data`, `{${k.victimId}}`, `${victim}`, `sl:{${k.victimId}}`],
    ...k.victimKeys,
    ...k.appKeys,
    // The attacker's own prefix and internal keys spelled out: `sl:{me}#usage` is the app's, not the learner's.
    ...[`sl:{${k.attackerId}}:x`, `sl:{${k.attackerId}}#usage`, `sl:{${k.attackerId}}#keys`, 'sl:x', 'sl:code:', `sl:{room-x}#meta`],
  ];
}

export function strings(k: Known): string[] {
  return [
    'v',
    '',
    'a b',
    '"',
    "'",
    '\\',
    '\n',
    '\x00',
    '\xff',
    'x'.repeat(40),
    'STORE',
    'MATCH',
    `sl:{${k.victimId}}:secret`,
    '$',
    '>',
    '-',
    '+',
    '*',
    '0-1',
    '1-1',
  ];
}

export const PATTERNS = ['*', '?', 'k*', 'sl:*', '*{*}*', '[a-z]*', '\\*', 'sl:{*', '*#*', '*sl:*', '[^k]*', ''];

/**
 * Integers at the edges Redis parses (string2ll, strtold): signs, leading zeros, hex, exponents,
 * just past 64 bits. Nothing between about 10^5 and 2^62, so an offset or a count inside a script,
 * where the app's caps do not look, cannot allocate gigabytes of the test's Redis.
 */
export const SMALL_INTEGERS = ['0', '1', '2', '3', '5', '10', '-1', '-2'];
export const INTEGERS = [
  ...SMALL_INTEGERS,
  '+1',
  '007',
  '0x10',
  '1e3',
  '1.0',
  ' 1',
  '',
  '9223372036854775807',
  '-9223372036854775808',
  '9223372036854775808',
  '-9223372036854775809',
  '18446744073709551616',
  '99999999999999999999999',
];

/** Doubles Redis reads with strtold: hex floats, infinities, NaN, denormals. */
export const PLAIN_DOUBLES = ['0', '1.5', '-0', '13.36', '38.11', '15', '37', '200'];
export const DOUBLES = [...PLAIN_DOUBLES, '0x1.8p2', '0x1p-3', 'inf', '-inf', '+inf', 'nan', '1e308', '1e309', '-1e-320', '.5', '5.', '1_0', '-91', '181'];

/** Blocking timeouts stay short (and odd), so the run stays fast: seconds, then XREAD's milliseconds. */
export const SHORT_SECONDS = ['0.01', '0x1p-7', '1e-2', '.02', '-1', 'nan', 'inf', '0.01x'];
export const SHORT_MILLIS = ['10', '5', '-1', '0x10', '1e1'];

/** Keywords that introduce keys or patterns in some command, injected anywhere. */
export const KEY_KEYWORDS = ['STORE', 'STOREDIST', 'MATCH', 'KEYS', 'STREAMS', 'BY', 'GET', 'BLOCK', 'FROMMEMBER', 'WITHSCORES', 'TYPE', 'COUNT'];
