import { splitArgsText } from '@/lib/cli/tokenize';

/** What a teacher sees in place of a secret a learner typed. */
export const HIDDEN = '***';

/** What a teacher sees for a line redis-cli cannot split: its arguments cannot be told apart, so none is shown. */
export const UNSPLITTABLE = '(a line redis-cli cannot split into arguments)';

const CONFIG_SECRETS = new Set(['requirepass', 'masterauth', 'masteruser', 'tls-key-file-pass', 'tls-client-key-file-pass']);

/**
 * The positions of the arguments that carry a password, decided on the arguments as Redis will
 * receive them (quotes and escapes already resolved), never on the raw text: `"AUTH" secret` and
 * `hello 3 auth u p` are as secret as `AUTH secret`.
 */
function secretArguments(args: readonly string[]): Set<number> {
  const secret = new Set<number>();
  const upper = args.map((arg) => arg.toUpperCase());
  const after = (keyword: string, count: number, from = 1) => {
    for (let i = from; i < args.length; i += 1) if (upper[i] === keyword) for (let j = 1; j <= count; j += 1) secret.add(i + j);
  };
  switch (upper[0]) {
    case 'AUTH': // AUTH [username] password
      for (let i = 1; i < args.length; i += 1) secret.add(i);
      break;
    case 'HELLO': // HELLO [protover [AUTH username password] [SETNAME name]]
      after('AUTH', 2);
      break;
    case 'MIGRATE': // … [AUTH password | AUTH2 username password]
      after('AUTH', 1);
      after('AUTH2', 2);
      break;
    case 'ACL': // ACL SETUSER name >password <password #hash !hash
      if (upper[1] === 'SETUSER') for (let i = 3; i < args.length; i += 1) if (/^[<>#!]/.test(args[i]!)) secret.add(i);
      break;
    case 'CONFIG': // CONFIG SET parameter value [parameter value …]
      if (upper[1] === 'SET') for (let i = 2; i + 1 < args.length; i += 2) if (CONFIG_SECRETS.has(args[i]!.toLowerCase())) secret.add(i + 1);
      break;
  }
  for (const i of secret) if (i >= args.length) secret.delete(i);
  return secret;
}

/** An argument as redis-cli would accept it back: bare when it can be, else double-quoted with escapes. */
function quoted(arg: string): string {
  if (arg && /^[\x21-\x7e]+$/.test(arg) && !/["'\\]/.test(arg)) return arg;
  return JSON.stringify(arg);
}

/**
 * A failed line as the teacher's dashboard may show it: the command as typed, unless it carries a
 * password, in which case it is rebuilt from its arguments with each secret hidden, and the reply is
 * scrubbed of them too.
 */
export function redactedLine(command: string, reply: string): { command: string; reply: string } {
  const args = splitArgsText(command);
  if (!args) return { command: UNSPLITTABLE, reply };
  const secret = secretArguments(args);
  if (!secret.size) return { command, reply };
  let scrubbed = reply;
  for (const i of secret) if (args[i]) scrubbed = scrubbed.split(args[i]!).join(HIDDEN);
  return { command: args.map((arg, i) => (secret.has(i) ? HIDDEN : quoted(arg))).join(' '), reply: scrubbed };
}
