import { code, note, text } from '../blocks';
import { evalCalls, hashFields, integerReply, notYet, parseLog, passed, type ParsedCommand } from '../checks/log';
import type { Lesson, LessonSnapshot } from '../types';

const KEY = 'feed:home';
const NOW_MS = `local t = redis.call('TIME') local now = t[1] * 1000 + math.floor(t[2] / 1000)`;
const store = (value: string) =>
  `EVAL "${NOW_MS} redis.call('HSET', KEYS[1], 'value', ARGV[1], 'delta', ARGV[2], 'expiry', now + ARGV[3]) redis.call('PEXPIRE', KEYS[1], ARGV[3]) return now + ARGV[3]" 1 ${KEY} "${value}" 5000 60000`;
const decide = (beta: string, r: string) =>
  `EVAL "local h = redis.call('HMGET', KEYS[1], 'delta', 'expiry') ${NOW_MS} if now - h[1] * ARGV[1] * math.log(ARGV[2]) >= tonumber(h[2]) then return 1 else return 0 end" 1 ${KEY} ${beta} ${r}`;

const decisions = (commands: ParsedCommand[]) => evalCalls(commands, 'math.log').filter((c) => c.keys[0] === KEY);
const isStore = (c: ParsedCommand) =>
  (c.name === 'HSET' && c.args[0] === KEY) || (c.name === 'EVAL' && c.args[0]!.includes("'delta'") && c.args[0]!.includes('HSET') && c.args.includes(KEY));

function storedWell(snapshot: LessonSnapshot): string | undefined {
  const fields = hashFields(snapshot, KEY);
  if (!fields) return `Store the value as a hash: \`${KEY}\` is ${snapshot.keys[KEY] ? 'not a hash' : 'missing'}.`;
  const delta = Number(fields.delta);
  const expiry = Number(fields.expiry);
  if (fields.value === undefined || !(delta > 0)) return 'The hash needs `value` and `delta`, the time in ms the last rebuild took.';
  if (!(expiry > snapshot.now))
    return "`expiry` must be the Unix time in milliseconds when the value expires, in the future. The script computes it from Redis's `TIME`.";
  if (snapshot.keys[KEY]!.ttlMs === null) return 'The key needs a TTL that matches `expiry` (`PEXPIRE`).';
  return undefined;
}

export const xfetch: Lesson = {
  slug: 'xfetch',
  title: 'Refresh early, at random (XFetch)',
  summary: 'Probabilistic early expiration: each reader may refresh a little before expiry, more likely the closer it gets, so no crowd meets the expiry.',
  track: 'advanced',
  raceInvite: 'Now race it: probabilistic early refresh against a plain expiry. Predict how many clients rebuild when nobody coordinates at all.',
  steps: [
    {
      title: 'Store the value, its delta and its expiry',
      goal: 'store feed:home as a hash with its value, delta (ms a rebuild takes) and expiry (Unix ms), with a 60-second TTL.',
      body: [
        text(
          "XFetch (Vattani, Chierichetti and Lowenstein, 2015) needs two numbers next to the value: `delta`, how long a rebuild took (here 5,000 ms), and `expiry`, when the value expires (Unix ms). The script reads Redis's clock, so the two agree with the key's TTL of 60 s.",
        ),
        code(store('top stories')),
      ],
      passed: '`feed:home` holds the value, its `delta` and its `expiry`.',
      hint: 'A hash with `value`, `delta` and a future `expiry` in ms, and a TTL on the key.',
      solution: store('top stories'),
      keys: [KEY],
      target: [{ key: KEY, state: 'expiring' }],
      check: (snapshot) => {
        const problem = storedWell(snapshot);
        return problem ? notYet(problem) : passed();
      },
    },
    {
      title: 'Decide with β',
      goal: 'run the early-refresh decision with β = 1 and r = 0.5.',
      body: [
        text(
          'On every read a client draws a random `r` in (0, 1] and refreshes early when `now − delta · β · ln(r) ≥ expiry`. Since ln(r) is negative, this adds a random head start that grows with `delta`: slow rebuilds start earlier. β = 1 is the usual choice; larger values refresh earlier.',
        ),
        text("The client draws r and passes it in with β, which keeps the script's answer reproducible. Start with a typical draw, r = 0.5:"),
        code(decide('1', '0.5')),
        text(
          'Then draw r for real: run `TIME`, put `0.` before its second number (the microseconds), and decide again with that r. Draw a few times: how often does the answer change?',
        ),
      ],
      prediction: {
        question: 'About 60 s are left, delta is 5 s, β = 1, r = 0.5. Will this reader refresh now?',
        choices: ['(integer) 0', '(integer) 1'],
        explain: {
          '(integer) 0':
            'The head start, 5 s · 1 · ln(1/0.5) ≈ 3.5 s, is far short of the 60 s left, so this reader serves the cached value. Only a much smaller r, or a moment nearer expiry, makes a reader refresh early.',
          '(integer) 1':
            'The value was close to expiry (or already past it), so even a typical draw gave a large enough head start. Store it again (step 1) and decide right after.',
          other: 'The decision answers 1 (refresh now) or 0 (serve the cached value).',
        },
        observe: (snapshot) => decisions(parseLog(snapshot.log)).find((c) => c.argv[0] === '1' && c.argv[1] === '0.5')?.text,
      },
      passed: 'the decision script ran and answered.',
      hint: 'Run the decision script on `feed:home`; it answers `(integer) 0` or `(integer) 1`.',
      solution: decide('1', '0.5'),
      keys: [KEY],
      target: [{ key: KEY, state: 'expiring' }],
      check: (snapshot) => {
        const all = decisions(parseLog(snapshot.log));
        if (all.some((c) => integerReply(c) !== undefined)) return passed();
        const error = all.at(-1);
        if (error) return notYet(`The script answered ${error.text}. It needs \`${KEY}\` with \`delta\` and \`expiry\`: repeat step 1 if the key has expired.`);
        return notYet('Run the decision script with β = 1 and r = 0.5.');
      },
    },
    {
      title: 'An unlucky draw refreshes early',
      goal: 'draw a rare r with β = 2 so the decision says refresh now, then store the value again.',
      body: [
        text(
          'With β = 2 and a rare draw, r = 0.001, the head start is 2 · 5 s · 6.9 ≈ 69 s, more than the 60 s left: this reader refreshes now, while everyone else still reads the cached value.',
        ),
        code(`${decide('2', '0.001')}\n${store('fresh stories')}`),
        note(
          'The chance of a draw like this rises as expiry nears. How many readers refresh early depends on how many read in that last stretch: a busy key may see a few early refreshes at once (there is no lock), a quiet one none, and then its first reader after expiry misses as with a plain TTL. On a cold start nothing is cached, so nothing can be refreshed early: every reader misses, and only a lock or request coalescing helps then.',
        ),
      ],
      passed: 'an early refresh stored the value again before it expired.',
      hint: 'Get `(integer) 1` from the decision, then store the value again.',
      solution: `${decide('2', '0.001')}\n${store('fresh stories')}`,
      keys: [KEY],
      target: [{ key: KEY, state: 'expiring' }],
      check: (snapshot) => {
        const commands = parseLog(snapshot.log);
        const yes = decisions(commands).find((c) => integerReply(c) === 1);
        if (!yes) return notYet('Run the decision with β = 2 and r = 0.001 until it answers `(integer) 1`.');
        if (!commands.some((c) => c.index > yes.index && isStore(c) && c.ok && !c.text.startsWith('(error)')))
          return notYet('The decision said refresh: store the value again (the step 1 script with a new value).');
        const problem = storedWell(snapshot);
        return problem ? notYet(problem) : passed();
      },
    },
  ],
};
