import { code, note, text } from '../blocks';
import { evalCalls, isError, notYet, parseLog, passed, type ParsedCommand } from '../checks/log';
import { evalErrorHint } from '../checks/nearMiss';
import type { CheckResult, Lesson, LessonSnapshot } from '../types';

const CACHE = 'cache:data';
const LOCK = 'cache:lock';
/** Long enough to read a step and type the next command before the lock expires by itself. */
const LOCK_TTL_MS = 300_000;
const CACHE_TTL_MS = 300_000;

/**
 * The race's read path, on one line so it fits one EVAL: a hit, or the lock and a token, or a wait.
 * ARGV as the race passes them: client id, lock TTL, cache TTL, a random number, the last latency.
 */
const READ =
  "local v = redis.call('GET', KEYS[1]) if v then return {'hit', v} end local t = ARGV[1] .. '-' .. ARGV[4] if redis.call('SET', KEYS[2], t, 'NX', 'PX', ARGV[2]) then return {'compute', t} end return {'wait', 50}";
/** The same, broken on purpose: a lock without a TTL. */
const READ_NO_TTL = READ.replace(", 'PX', ARGV[2]", '');
const WRITE = "redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3]) if redis.call('GET', KEYS[2]) == ARGV[1] then redis.call('DEL', KEYS[2]) end return 1";
/** The same, broken on purpose: it releases whatever lock is there, not only its own. */
const WRITE_NO_TOKEN = "redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3]) redis.call('DEL', KEYS[2]) return 1";

const read = (script: string, client: number, rand = '0.42') => `EVAL "${script}" 2 ${CACHE} ${LOCK} ${client} ${LOCK_TTL_MS} ${CACHE_TTL_MS} ${rand} 300`;
const write = (script: string, token: string) => `EVAL "${script}" 2 ${CACHE} ${LOCK} ${token} "value from ${token}" ${CACHE_TTL_MS}`;

/** Read-path EVALs on the lesson's two keys: a script that takes the lock with SET NX and answers 'compute'. */
const reads = (commands: ParsedCommand[]) => evalCalls(commands, "'NX'", "'compute'").filter((c) => c.keys[0] === CACHE && c.keys[1] === LOCK);
/** Write-path EVALs: a script that SETs the cache and DELs the lock. */
const writes = (commands: ParsedCommand[]) =>
  evalCalls(commands, "'SET'", "'DEL'").filter((c) => !c.args[0]!.includes("'NX'") && c.keys[0] === CACHE && c.keys[1] === LOCK);
const answered = (c: ParsedCommand, kind: string) => c.text.startsWith(`1) "${kind}"`);

function lastError(commands: ParsedCommand[]): CheckResult | undefined {
  const error = commands.filter((c) => c.name === 'EVAL').findLast(isError);
  return error && notYet(evalErrorHint(error.text));
}

function checkTakesLock(snapshot: LessonSnapshot): CheckResult {
  const commands = parseLog(snapshot.log);
  const computed = reads(commands).find((c) => answered(c, 'compute'));
  if (computed && snapshot.keys[LOCK]?.ttlMs !== null && snapshot.keys[LOCK]) return passed();
  if (computed) return notYet(`Your read path answered compute, but \`${LOCK}\` is gone: run \`DEL ${CACHE} ${LOCK}\` and the read script again.`);
  if (reads(commands).some((c) => answered(c, 'hit')))
    return notYet(`The read path found \`${CACHE}\` and answered hit: \`DEL ${CACHE}\` first, so the client misses.`);
  return lastError(commands) ?? notYet(`Run the read script as client 7 with the two keys \`${CACHE} ${LOCK}\`.`);
}

function checkWaits(snapshot: LessonSnapshot): CheckResult {
  const commands = parseLog(snapshot.log);
  if (reads(commands).some((c) => c.argv[0] !== '7' && answered(c, 'wait'))) return passed();
  if (reads(commands).some((c) => c.argv[0] !== '7' && answered(c, 'compute')))
    return notYet(`A second client got the lock too: was \`${LOCK}\` still there? Run step 1 again, then the read as client 8.`);
  return lastError(commands) ?? notYet('Run the same read script as client 8, while client 7 holds the lock.');
}

function checkWrites(snapshot: LessonSnapshot): CheckResult {
  const commands = parseLog(snapshot.log);
  if (snapshot.keys[CACHE] && !snapshot.keys[LOCK] && writes(commands).length > 0) return passed();
  if (snapshot.keys[LOCK]) return notYet(`\`${LOCK}\` is still held: the write releases it only with the holder's token, the one client 7's read answered.`);
  return lastError(commands) ?? notYet("Run the write script with client 7's token and a value.");
}

function checkNoTtl(snapshot: LessonSnapshot): CheckResult {
  const commands = parseLog(snapshot.log);
  const lock = snapshot.keys[LOCK];
  const broken = reads(commands).some((c) => !c.args[0]!.includes("'PX'") && answered(c, 'compute'));
  if (broken && lock && lock.ttlMs === null) return passed();
  if (broken) return notYet(`\`${LOCK}\` is gone again; run the broken read once more so you can see it stay.`);
  return lastError(commands) ?? notYet(`Run the read script without \`'PX', ARGV[2]\` after \`DEL ${CACHE} ${LOCK}\`.`);
}

function checkNoToken(snapshot: LessonSnapshot): CheckResult {
  const commands = parseLog(snapshot.log);
  const tokenless = writes(commands).filter((c) => !c.args[0]!.includes('== ARGV[1]'));
  const heldBy8 = reads(commands).findLast((c) => c.argv[0] === '8' && answered(c, 'compute'));
  if (heldBy8 && tokenless.some((c) => c.index > heldBy8.index && c.argv[0]?.startsWith('7-')) && !snapshot.keys[LOCK]) return passed();
  if (!heldBy8)
    return lastError(commands) ?? notYet(`First let client 8 take the lock: \`DEL ${LOCK}\` (client 7's lock expiring), then the read as client 8.`);
  return lastError(commands) ?? notYet("Now run the write without the token check as client 7, with client 7's old token.");
}

export const buildYourOwn: Lesson = {
  slug: 'build-your-own',
  title: 'Build your own',
  summary: 'Write the cache’s read path and write path as two Lua scripts, race them against 10,000 clients, then break them on purpose.',
  track: 'advanced',
  raceInvite:
    'Now race it: the race page opens with your lock as "Your own (Lua)" against no protection. Predict, run it with 1,000 clients, then take the PX out of the read script or the token check out of the write script and race it again.',
  steps: [
    {
      title: 'The read path: a hit, or the lock',
      goal: 'run a read script as client 7 that answers hit, takes the lock with a token and answers compute, or answers wait.',
      body: [
        text(
          "In the race, every client runs your **read** script each time it wants the value. `KEYS[1]` is the cache, `KEYS[2]` the lock; `ARGV[1]` the client id, `ARGV[2]` the lock TTL in ms, `ARGV[3]` the cache TTL, `ARGV[4]` a random number, `ARGV[5]` the backend's last latency. It returns `{'hit', value}`, `{'compute', token}` or `{'wait', ms}` (and `{'stale', …}`, which this lesson leaves out).",
        ),
        text('A script runs as one step in Redis: nobody can slip in between its `GET` and its `SET NX`. Run it here as client 7 on an empty cache:'),
        code(`DEL ${CACHE} ${LOCK}\n${read(READ, 7)}`),
      ],
      passed: 'client 7 found no value, took the lock with its token and was told to compute.',
      hint: 'The script is one double-quoted argument; the 2 after it says that `cache:data cache:lock` are the keys, then 5 arguments.',
      solution: `DEL ${CACHE} ${LOCK}\n${read(READ, 7)}`,
      keys: [CACHE, LOCK],
      target: [
        { key: CACHE, state: 'gone' },
        { key: LOCK, value: '7-0.42', state: 'expiring' },
      ],
      check: checkTakesLock,
    },
    {
      title: 'Every other client waits',
      goal: 'run the same read script as client 8 while client 7 holds the lock.',
      body: [
        text('Client 8 arrives a moment later, with the same script. Change the client id (the word after the two keys) to 8.'),
        note('In the race, a client told to wait sleeps that long and runs the read script again, until a hit.'),
      ],
      passed: 'client 8 was told to wait: one lock, one regeneration, however many clients arrive.',
      hint: 'The same EVAL as in step 1, with 8 instead of 7.',
      prediction: {
        question: 'Client 7 holds the lock. What will the read script answer for client 8?',
        choices: ['1) "wait"\n2) (integer) 50', '1) "compute"\n2) "8-0.42"', '(nil)'],
        explain: {
          '1) "wait"\n2) (integer) 50':
            'The cache is still empty and SET NX found the lock taken, so the script fell through to its last line: wait 50 ms and read again.',
          '1) "compute"\n2) "8-0.42"': 'SET NX succeeded, so the lock was free: it had expired or been deleted before client 8 read.',
          other: 'The script answers wait when the lock is taken, compute when it gets the lock, hit when the value is there.',
        },
        observe: (snapshot) => reads(parseLog(snapshot.log)).find((c) => c.argv[0] !== '7')?.text,
      },
      solution: read(READ, 8),
      keys: [LOCK],
      target: [{ key: LOCK, value: '7-0.42', state: 'expiring' }],
      check: checkWaits,
    },
    {
      title: 'The write path: store the value, release your lock',
      goal: 'run a write script as client 7 that stores the value and deletes the lock only if it still holds client 7’s token.',
      body: [
        text(
          'After the backend answered, the race runs your **write** script: `ARGV[1]` the token your read answered, `ARGV[2]` the new value, `ARGV[3]` the cache TTL.',
        ),
        code(write(WRITE, '7-0.42')),
        text('The lock is released by compare-and-delete: only while it still holds our token.'),
      ],
      passed: "the value is cached and the lock released by its holder: every waiter's next read is a hit.",
      hint: "Pass client 7's token (what step 1 answered) as the first argument after the keys.",
      solution: write(WRITE, '7-0.42'),
      keys: [CACHE, LOCK],
      target: [
        { key: CACHE, state: 'expiring' },
        { key: LOCK, state: 'gone' },
      ],
      check: checkWrites,
    },
    {
      title: 'Break it: a lock without a TTL',
      goal: 'take the lock with a read script that leaves out the PX, and see the lock stay forever.',
      body: [
        text("Take `'PX', ARGV[2]` out of the read script. If the holder crashes before its write, nothing ever deletes this lock."),
        code(`DEL ${CACHE} ${LOCK}\n${read(READ_NO_TTL, 7)}\nPTTL ${LOCK}`),
        note('In the race, crash the lock holder with this read path: every other client waits until it gives up.'),
      ],
      passed: 'the lock has no expiry: a crashed holder would keep every client waiting for good.',
      hint: "Remove `, 'PX', ARGV[2]` from the SET inside the script; keep everything else.",
      solution: `DEL ${CACHE} ${LOCK}\n${read(READ_NO_TTL, 7)}`,
      keys: [LOCK],
      target: [{ key: LOCK, value: '7-0.42', state: 'persistent' }],
      check: checkNoTtl,
    },
    {
      title: 'Break it: a release without the token',
      goal: 'let client 8 take the lock, then release with a write script that deletes whatever lock is there, as client 7.',
      body: [
        text(
          "Client 7's lock expires while it still works (`DEL` stands for that), client 8 takes the lock, and then client 7 finishes and releases with a plain `DEL`.",
        ),
        code(`DEL ${LOCK}\n${read(READ, 8)}\n${write(WRITE_NO_TOKEN, '7-0.42')}`),
      ],
      passed: "client 7 deleted client 8's lock: a third client would now regenerate beside client 8. The token check is what prevents it.",
      hint: "Run the three lines in order: the lock expiring, client 8's read, then client 7's write without the `== ARGV[1]` check.",
      solution: `DEL ${CACHE} ${LOCK}\n${read(READ, 8)}\n${write(WRITE_NO_TOKEN, '7-0.42')}`,
      keys: [CACHE, LOCK],
      target: [{ key: LOCK, state: 'gone' }],
      check: checkNoToken,
    },
  ],
};
