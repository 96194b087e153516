import { code, note, text } from '../blocks';
import {
  commandsOn,
  evalCalls,
  hashFields,
  integerReply,
  isError,
  isNil,
  notYet,
  parseLog,
  passed,
  setOptions,
  stringValue,
  type ParsedCommand,
} from '../checks/log';
import { evalErrorHint } from '../checks/nearMiss';
import type { CheckResult, Lesson, LessonSnapshot } from '../types';

const LOCK = 'job:lock';
const FENCE = 'job:fence';
const RESULT = 'job:result';
/** Long enough to read a step and type the next command before the lock expires by itself. */
const TTL_MS = 300_000;
// The lock and the token come from one script: taken apart, a holder paused between SET and INCR
// could get its token after its lock expired and a successor took a smaller one.
const TAKE_SCRIPT = `if redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then return redis.call('INCR', KEYS[2]) end return false`;
const take = (worker: string) => `EVAL "${TAKE_SCRIPT}" 2 ${LOCK} ${FENCE} ${worker} ${TTL_MS}`;
// Equal tokens pass, so a holder may retry its own write; only older tokens are refused.
const FENCED_WRITE = `local last = tonumber(redis.call('HGET', KEYS[1], 'token') or '0') if tonumber(ARGV[1]) >= last then redis.call('HSET', KEYS[1], 'token', ARGV[1], 'value', ARGV[2]) return 1 end return 0`;
const write = (token: number, value: string) => `EVAL "${FENCED_WRITE}" 1 ${RESULT} ${token} "${value}"`;

const writes = (commands: ParsedCommand[]) => evalCalls(commands, "'token'", 'tonumber(ARGV[1]) >').filter((c) => c.keys[0] === RESULT);
/** The lock-and-token script, run as `worker`. */
const takes = (commands: ParsedCommand[], worker: string) =>
  evalCalls(commands, "'NX'", "'INCR'").filter((c) => c.keys[0] === LOCK && c.keys[1] === FENCE && c.argv[0] === worker);

/** Advice when a worker has no token from the script: what it did instead. */
function takeHint(snapshot: LessonSnapshot, worker: string): string {
  const commands = parseLog(snapshot.log);
  const last = takes(commands, worker).at(-1);
  if (last && isNil(last)) {
    return `The script answered \`(nil)\`: \`${LOCK}\` was still held (by "${stringValue(snapshot, LOCK) ?? 'someone'}"), so ${worker} got neither the lock nor a token. ${worker === 'worker-2' ? `\`DEL ${LOCK}\` stands for worker 1's lock expiring; run it first.` : `\`DEL ${LOCK}\` and run it again.`}`;
  }
  if (last && isError(last)) return evalErrorHint(last.text);
  const lockSet = commands.some((c) => c.name === 'SET' && c.args[0] === LOCK && setOptions(c).includes('NX') && c.text === 'OK');
  const incr = commandsOn(commands, 'INCR', FENCE).some((c) => !isError(c));
  if (incr && !lockSet)
    return `\`INCR ${FENCE}\` gave a token, but no lock was taken: a token proves nothing without the lock. Take both in one script: \`${take(worker)}\`.`;
  if (incr || lockSet)
    return `A separate SET and INCR leave a gap: a holder paused between them could get its token after its lock expired. Take both in one script: \`${take(worker)}\`.`;
  return `Take the lock and a token in one script: \`${take(worker)}\`.`;
}

function checkFirstHolder(snapshot: LessonSnapshot): CheckResult {
  const token = takes(parseLog(snapshot.log), 'worker-1')
    .map(integerReply)
    .find((n) => n !== undefined);
  if (token !== undefined && stringValue(snapshot, LOCK) === 'worker-1') return passed();
  if (token !== undefined) return notYet(`Worker 1 got token ${token}, but \`${LOCK}\` no longer holds "worker-1". Run \`DEL ${LOCK}\` and the script again.`);
  return notYet(takeHint(snapshot, 'worker-1'));
}

function checkSecondHolder(snapshot: LessonSnapshot): CheckResult {
  const commands = parseLog(snapshot.log);
  const token = takes(commands, 'worker-2')
    .map(integerReply)
    .find((n) => n !== undefined);
  if (token === undefined) return notYet(takeHint(snapshot, 'worker-2'));
  const fields = hashFields(snapshot, RESULT);
  if (fields && Number(fields.token) === token && fields.value === 'from worker-2') return passed();
  const last = writes(commands).at(-1);
  if (last && isError(last)) return notYet(evalErrorHint(last.text));
  if (last && integerReply(last) === 0)
    return notYet(`The store refused token ${last.argv[0]}: it has seen a larger one. Write with worker 2's token, ${token}.`);
  return notYet(`Worker 2 holds the lock with token ${token}. Write its result with that token: \`${write(token, 'from worker-2')}\`.`);
}

export const fencingTokens: Lesson = {
  slug: 'fencing-tokens',
  title: 'Fencing tokens',
  summary: 'A lock can expire under a paused client. A token taken with the lock grows with every holder, and the store rejects writes with an older one.',
  track: 'advanced',
  raceInvite:
    'Now race it: pause a lock holder with a fault and watch a second holder start while the first still works; a fencing token is what keeps the late write out.',
  steps: [
    {
      title: 'A lock and a token, in one script',
      goal: 'as worker 1, take job:lock and a fencing token from job:fence, both in one script.',
      body: [
        text(
          'With the lock, each holder takes a number from a counter, `INCR`, so every holder gets a larger number than the one before. Both must happen in one script: a worker paused between its `SET` and its `INCR` could find its lock expired, a successor holding a smaller token, and itself with the larger one.',
        ),
        text(
          '`EVAL "<script>" numkeys key… arg…`: `numkeys` says how many of the following words are key names. In the script they are `KEYS[1]`, `KEYS[2]`; the words after them are `ARGV[1]`, `ARGV[2]`. The script is one double-quoted argument, so inside it, strings use single quotes.',
        ),
        code(take('worker-1')),
        text('The `SET` returns false to Lua when `NX` finds the key taken; then the script takes no token and answers `(nil)`.'),
      ],
      passed: 'worker 1 holds `job:lock` and a token that came with it.',
      hint: 'Run the script with 2 keys (`job:lock job:fence`), then `worker-1` and the TTL in ms.',
      solution: take('worker-1'),
      keys: [LOCK, FENCE],
      target: [
        { key: LOCK, value: 'worker-1', state: 'expiring' },
        { key: FENCE, value: '1' },
      ],
      check: checkFirstHolder,
    },
    {
      title: 'Worker 1 stalls; worker 2 takes over and writes',
      goal: "let worker 1's lock expire, then as worker 2 take the lock and its token in one script, and write the result with that token.",
      body: [
        text(
          'Worker 1 pauses, say for a long garbage collection, and its lock expires: `DEL job:lock` stands for that. Worker 2 then runs the same script as `worker-2`.',
        ),
        text(
          'The store keeps the highest token it has seen and accepts a write only with a token at least as large. Equal passes, so a holder may retry its own write.',
        ),
        code(`DEL ${LOCK}`),
        code(write(2, 'from worker-2')),
      ],
      passed: 'worker 2 took the lock with a larger token, and its result is stored with it.',
      hint: "First `DEL job:lock`, then step 1's script with `worker-2`, then the write with the token it answered.",
      solution: `DEL ${LOCK}\n${take('worker-2')}\n${write(2, 'from worker-2')}`,
      keys: [LOCK, FENCE, RESULT],
      target: [{ key: LOCK, value: 'worker-2', state: 'expiring' }, { key: FENCE, value: '2' }, { key: RESULT }],
      check: checkSecondHolder,
    },
    {
      title: 'Worker 1 wakes up, and is fenced off',
      goal: 'as worker 1, write with your old token 1, after worker 2 wrote with 2.',
      body: [
        text('Worker 1 resumes, still believing it holds the lock, and writes with its token 1.'),
        text('The same write script as in step 2, with worker 1\'s token 1 and its value "from worker-1". Type it, or edit the line you ran in step 2.'),
        note('The lock alone cannot prevent this: worker 1 cannot know it was paused. The check has to happen where the write lands.'),
      ],
      passed: "the store refused worker 1's older token, and worker 2's result stays.",
      hint: 'Run the step 2 write with 1 as its first argument after the key.',
      prediction: {
        question: "The store has seen token 2. What will worker 1's write with token 1 answer?",
        choices: ['(integer) 0', '(integer) 1'],
        explain: {
          '(integer) 0':
            "The store keeps the highest token it has seen (2) and refuses an older one, so worker 1's late write changed nothing and worker 2's result stays.",
          '(integer) 1':
            'The store accepted the write: it had not yet seen a token larger than the one you passed. Check that worker 2 wrote with token 2 first.',
          other: 'The script answers 1 when it wrote and 0 when it refused an old token.',
        },
        observe: (snapshot) => {
          const all = writes(parseLog(snapshot.log));
          const stale = all.find(
            (c, i) =>
              Number(c.argv[0]) <
              Math.max(
                0,
                ...all
                  .slice(0, i)
                  .filter((w) => integerReply(w) === 1)
                  .map((w) => Number(w.argv[0])),
              ),
          );
          return stale?.text;
        },
      },
      solution: write(1, 'from worker-1'),
      keys: [RESULT],
      target: [{ key: RESULT }],
      check: (snapshot) => {
        const fields = hashFields(snapshot, RESULT);
        const refused = writes(parseLog(snapshot.log)).some((c) => integerReply(c) === 0 && Number(c.argv[0]) < Number(fields?.token));
        if (refused && fields?.value !== 'from worker-1') return passed();
        const error = writes(parseLog(snapshot.log)).findLast(isError);
        if (error) return notYet(evalErrorHint(error.text));
        return notYet('Write as worker 1 with its old token, 1, and see the store refuse it.');
      },
    },
  ],
};
