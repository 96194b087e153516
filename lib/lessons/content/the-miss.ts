import { text } from '../blocks';
import { commandsOn, isError, isNil, notYet, parseLog, passed, setTtlMs, type ParsedCommand } from '../checks/log';
import type { CheckResult, Lesson, LessonSnapshot } from '../types';

const DATA = 'cache:data';
/** Short enough to watch the countdown reach zero, long enough to see it start. */
const TTL_MS = 5_000;
const MAX_TTL_MS = 20_000;

const isShortSet = (c: ParsedCommand) => c.text === 'OK' && (setTtlMs(c) ?? Infinity) <= MAX_TTL_MS;

/** The latest SET of `cache:data` with a short TTL that Redis took. */
const shortSet = (commands: ParsedCommand[]) => commandsOn(commands, 'SET', DATA).findLast(isShortSet);

/** The first GET of `cache:data` that missed after a short SET: the moment the cache was empty. */
const miss = (commands: ParsedCommand[]) => {
  const set = commandsOn(commands, 'SET', DATA).find(isShortSet);
  return set && commandsOn(commands, 'GET', DATA).find((c) => c.index > set.index && isNil(c));
};

/** The rebuilds after the miss: plain SETs of `cache:data` that Redis took. */
const rebuilds = (commands: ParsedCommand[]) => {
  const missed = miss(commands);
  return missed ? commandsOn(commands, 'SET', DATA).filter((c) => c.index > missed.index && c.text === 'OK') : [];
};

function checkShortSet(snapshot: LessonSnapshot): CheckResult {
  const commands = parseLog(snapshot.log);
  if (shortSet(commands)) return passed();
  const last = commandsOn(commands, 'SET', DATA).at(-1);
  if (last && isError(last))
    return notYet(`Redis answered ${last.text}. Quote the value and put the option after it: \`SET ${DATA} "fresh value" PX ${TTL_MS}\`.`);
  if (last && setTtlMs(last) === undefined)
    return notYet(`This value never expires, so there is nothing to watch. Add an expiry after the value: \`PX ${TTL_MS}\` is ${TTL_MS / 1000} seconds.`);
  if (last) return notYet(`That expiry is long to wait for. Use a short one, at most ${MAX_TTL_MS / 1000} seconds, e.g. \`PX ${TTL_MS}\`.`);
  return notYet(`Cache the value with a ${TTL_MS / 1000}-second life: \`SET\`, the key, the value in quotes, then \`PX ${TTL_MS}\`.`);
}

function checkMiss(snapshot: LessonSnapshot): CheckResult {
  const commands = parseLog(snapshot.log);
  if (miss(commands)) return passed();
  const set = shortSet(commands);
  const early = set && commandsOn(commands, 'GET', DATA).findLast((c) => c.index > set.index && !isNil(c) && !isError(c));
  if (early) return notYet(`Redis still had it: the countdown had not reached zero. Wait until the key leaves the keys panel, then \`GET ${DATA}\` again.`);
  if (!snapshot.keys[DATA] && !set) return notYet('Cache the value with a short life first (step 1).');
  return notYet(`Read the key once its countdown has reached zero: \`GET ${DATA}\`.`);
}

function checkRebuilds(snapshot: LessonSnapshot): CheckResult {
  const n = rebuilds(parseLog(snapshot.log)).length;
  if (n >= 2) return passed();
  if (n === 1) return notYet('One client has rebuilt the value. The other missed too: run its SET as well.');
  return notYet(`Both clients missed. Each rebuilds and writes the value back with a plain \`SET ${DATA}\`: run it twice.`);
}

export const theMiss: Lesson = {
  slug: 'the-miss',
  title: 'Watch the cache miss',
  summary: 'A cached key expires under your eyes, GET answers (nil), and every client that misses rebuilds: the stampede the lock prevents.',
  track: 'basics',
  raceInvite:
    'Now race it: 1,000 clients read a key that expires, first with nothing to stop them, then with the lock from the first lesson. Predict how many rebuild before you press Run race.',
  steps: [
    {
      title: 'Cache a value that expires',
      goal: `store "fresh value" in cache:data, expiring after ${TTL_MS / 1000} seconds.`,
      body: [
        text(
          'Caches do not keep values forever: each key gets a time to live, so a stale value does not stay. `PX` gives the key an expiry in milliseconds, after the value.',
        ),
        text(`Cache "fresh value" in \`${DATA}\` for ${TTL_MS / 1000} seconds, and keep an eye on the keys panel.`),
      ],
      passed: `\`${DATA}\` is cached with a short life: its countdown runs in the keys panel.`,
      hint: `\`PX ${TTL_MS}\` after the value sets a ${TTL_MS / 1000}-second expiry.`,
      solution: `SET ${DATA} "fresh value" PX ${TTL_MS}`,
      keys: [DATA],
      target: [{ key: DATA, value: 'fresh value', ttl: { max: MAX_TTL_MS } }],
      check: checkShortSet,
    },
    {
      title: 'Watch it expire',
      goal: 'wait until the countdown of cache:data reaches zero, then read the key.',
      body: [text(`Watch the countdown on \`${DATA}\` in the keys panel. When it reaches zero, read the key with \`GET\`.`)],
      prediction: {
        question: `The countdown has reached zero. What will \`GET ${DATA}\` answer?`,
        choices: ['"fresh value"', '(nil)', '(error) ERR no such key'],
        explain: {
          '(nil)':
            'The key expired, so Redis deleted it, and a missing key reads as `(nil)`: not an error, just nothing. This is a cache miss: whoever reads now must rebuild the value from the slow database.',
          other: "Once a key's time to live is over, Redis treats it as gone: `GET` answers `(nil)`, never an error.",
        },
        observe: (snapshot) => miss(parseLog(snapshot.log))?.text,
      },
      passed: 'the key was gone and `GET` answered `(nil)`: a cache miss.',
      hint: 'Wait until the key has left the keys panel, then `GET` it.',
      solution: `BLPOP cache:never 5\nGET ${DATA}`,
      keys: [DATA],
      target: [{ key: DATA, state: 'gone' }],
      check: checkMiss,
    },
    {
      title: 'Everyone misses at once',
      goal: 'play two clients that both missed: each rebuilds the value and writes it back to cache:data.',
      body: [
        text(
          'You were not the only reader. Every client that read the key after it expired got `(nil)` too, and each one now rebuilds the value from the database and writes it back.',
        ),
        text(`Play two of them: each writes its rebuilt value with a plain \`SET ${DATA}\` and a new ${TTL_MS / 1000}-second life.`),
        text('Think before you run: 1,000 clients read this key every second, and a rebuild takes 200 ms. How many of them rebuild after one expiry?'),
      ],
      prediction: {
        question: "The first client has already written its rebuilt value. What will the second client's `SET` answer?",
        choices: ['OK', '(nil)'],
        explain: {
          OK: "A plain SET never refuses: the second client overwrote the first one's value, and both paid for the rebuild. With 1,000 reads a second and a 200 ms rebuild, about 200 clients miss before the first rebuild lands, and all of them rebuild: that is the stampede. The lock from the first lesson lets one rebuild while the rest wait.",
          '(nil)': 'A SET answers `(nil)` only with `NX` (or `XX`) when it did not write. These rebuilds used a plain SET, which always writes.',
          other: 'A plain SET answers `OK`: it always writes.',
        },
        observe: (snapshot) => rebuilds(parseLog(snapshot.log))[1]?.text,
      },
      passed: 'two clients rebuilt the same value: with 1,000 clients, hundreds would.',
      hint: 'Run `SET cache:data "rebuilt" PX 5000` twice, once per client.',
      solution: `SET ${DATA} "rebuilt by client 1" PX ${TTL_MS}\nSET ${DATA} "rebuilt by client 2" PX ${TTL_MS}`,
      keys: [DATA],
      target: [{ key: DATA, state: 'expiring' }],
      check: checkRebuilds,
    },
  ],
};
