import { code, note, text } from '../blocks';
import { commandsOn, evalCalls, integerReply, isError, notYet, parseLog, passed, setOptions, setTtlMs, stringValue, type ParsedCommand } from '../checks/log';
import { evalErrorHint } from '../checks/nearMiss';
import { firstReply } from '../predictions';
import type { Lesson } from '../types';

const LOCK = 'report:lock';
const EXTEND = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) else return 0 end`;
const extendAs = (holder: string) => `EVAL "${EXTEND}" 1 ${LOCK} ${holder} 30000`;
const extends_ = (commands: ParsedCommand[]) => evalCalls(commands, "redis.call('GET', KEYS[1]) == ARGV[1]", "'PEXPIRE'").filter((c) => c.keys[0] === LOCK);

const lockSets = (commands: ParsedCommand[], holder: string) =>
  commands.filter((c) => c.name === 'SET' && c.args[0] === LOCK && c.args[1] === holder && setOptions(c).includes('NX'));

export const lockExpiry: Lesson = {
  slug: 'lock-expiry',
  title: 'When the lock expires mid-regeneration',
  summary:
    'A lock TTL shorter than the work lets a second client in while the first is still busy: two holders. Extending helps only while the lock is still yours.',
  track: 'advanced',
  raceInvite: 'Now race it: a lock whose TTL is shorter than the rebuild, against one that outlives it. Predict how many rebuilds overlap.',
  steps: [
    {
      title: 'Worker 1 takes a short lock',
      goal: 'as worker 1, take report:lock (value worker-1) with NX and a TTL of 2 seconds.',
      body: [
        text('A report takes a few seconds to build. Worker 1 takes the lock, but with an optimistic TTL of 2 seconds.'),
        code('SET report:lock worker-1 NX PX 2000'),
      ],
      passed: 'worker 1 holds `report:lock` with a TTL shorter than its work.',
      hint: 'Take `report:lock` with the value `worker-1`, `NX`, and a TTL of at most 5 seconds.',
      solution: 'SET report:lock worker-1 NX PX 2000',
      keys: [LOCK],
      target: [{ key: LOCK, value: 'worker-1', ttl: { max: 5_000 } }],
      check: (snapshot) => {
        const sets = lockSets(parseLog(snapshot.log), 'worker-1');
        if (sets.some((c) => c.text === 'OK' && (setTtlMs(c) ?? Infinity) <= 5_000)) return passed();
        const last = sets.at(-1);
        if (last?.text === '(nil)')
          return notYet('`report:lock` is still held from an earlier try. Wait for it to expire (watch its TTL) or `DEL report:lock`, then take it again.');
        if (last) return notYet('Give the lock a short TTL, at most 5 seconds, e.g. `PX 2000`: this lesson is about what a too-short TTL does.');
        return notYet('Take the lock as worker 1: `SET report:lock worker-1 NX PX 2000`.');
      },
    },
    {
      title: 'The work outlives the lock',
      goal: 'let 3 seconds of work pass, then try the lock as worker 2 (NX, 10 seconds).',
      body: [
        text(
          'Worker 1 is still building the report when its 2 seconds run out. `BLPOP` on a list nobody fills stands in for 3 seconds of slow work. Then worker 2 misses the cache and tries the lock.',
        ),
        code('BLPOP report:never 3'),
        text('Then, as worker 2, try `report:lock` with the value `worker-2`, `NX` and `PX 10000`. Type it yourself.'),
      ],
      prediction: {
        question: "Worker 1 is still busy and has not released anything. What will worker 2's `SET report:lock worker-2 NX PX 10000` answer?",
        choices: ['OK', '(nil)'],
        explain: {
          OK: 'The lock had expired after 2 seconds, so `NX` let worker 2 in. Worker 1 still believes it holds the lock: two clients now regenerate at once, the stampede the lock was meant to stop.',
          '(nil)':
            "Worker 1's lock had not expired yet when worker 2 asked (did the BLPOP wait 3 seconds first?). Wait a moment and try again: once the 2 seconds are over, worker 2 gets in while worker 1 is still working.",
          other: '`SET … NX` answers `OK` when it took the key and `(nil)` when the key still existed.',
        },
        observe: (snapshot) =>
          firstReply(snapshot, (c) => c.name === 'SET' && c.args[0] === LOCK && c.args[1] === 'worker-2' && setOptions(c).includes('NX') && !isError(c)),
      },
      passed: 'worker 2 took the lock while worker 1 was still working: two holders at once.',
      hint: "Wait until worker 1's lock has expired, then take it as `worker-2` with `NX`.",
      solution: 'BLPOP report:never 3\nSET report:lock worker-2 NX PX 10000',
      keys: [LOCK],
      target: [{ key: LOCK, value: 'worker-2', ttl: { max: 10_000 } }],
      check: (snapshot) => {
        const sets = lockSets(parseLog(snapshot.log), 'worker-2');
        if (sets.some((c) => c.text === 'OK')) return passed();
        if (sets.at(-1)?.text === '(nil)')
          return notYet("Worker 1's lock has not expired yet, so `NX` kept worker 2 out. Wait a moment (`BLPOP report:never 3`) and try again.");
        if (!snapshot.keys[LOCK]) return notYet('The lock is free now. Take it as worker 2: `SET report:lock worker-2 NX PX 10000`.');
        return notYet('Let the work run past the TTL with `BLPOP report:never 3`, then try `SET report:lock worker-2 NX PX 10000`.');
      },
    },
    {
      title: 'Extend only while it is still yours',
      goal: "see who holds report:lock now, then extend it to 30 seconds as worker 2, only if it still holds worker 2's value.",
      body: [
        text(
          'Ask Redis who holds the lock now, with `GET`. Worker 1 would get "worker-2": its own lock is gone. A bare `PEXPIRE` from worker 1 would now stretch worker 2\'s lock, and its `DEL` would release it.',
        ),
        text(
          "So a holder extends its lock only while the lock still holds its own value: compare-and-extend, in one script so nothing can slip in between. `numkeys` is 1, so `KEYS[1]` is the lock; `ARGV[1]` is the holder's value and `ARGV[2]` the new TTL in ms.",
        ),
        code(extendAs('worker-2')),
        text('Run it as `worker-1` as well, and compare the answers.'),
        note(
          'Extending keeps a lock for a holder that is slow but alive. It does not save one that is paused (a long garbage collection, a stalled VM): its lock expires all the same, and it wakes believing it still holds it. "Fencing tokens" shows what stops that holder\'s late write.',
        ),
      ],
      passed: "worker 2's lock was extended by a script that first checked it was still worker 2's.",
      hint: "Run the script with `report:lock`, then `worker-2` and `30000`; it answers `(integer) 1` while the lock is worker 2's.",
      solution: `GET ${LOCK}\n${extendAs('worker-2')}`,
      keys: [LOCK],
      target: [{ key: LOCK, value: 'worker-2', ttl: { min: 10_000 } }],
      check: (snapshot) => {
        const commands = parseLog(snapshot.log);
        const extended = extends_(commands).some((c) => c.argv[0] === 'worker-2' && integerReply(c) === 1);
        const state = snapshot.keys[LOCK];
        if (stringValue(snapshot, LOCK) === 'worker-2' && extended && (state?.ttlMs ?? 0) > 10_000) return passed();
        if (!state)
          return notYet(`Worker 2's lock expired before you extended it. Take it again (\`SET ${LOCK} worker-2 NX PX 10000\`) and extend it in the same run.`);
        if (stringValue(snapshot, LOCK) !== 'worker-2') return notYet('`report:lock` should hold "worker-2": extend the lock worker 2 holds.');
        const error = extends_(commands).findLast(isError);
        if (error) return notYet(evalErrorHint(error.text));
        if ([...commandsOn(commands, 'PEXPIRE', LOCK), ...commandsOn(commands, 'EXPIRE', LOCK)].length > 0) {
          return notYet("A bare `PEXPIRE` extends whoever holds the lock now, even a successor's. Use the compare-and-extend script with worker 2's value.");
        }
        return notYet(`Extend it as worker 2, beyond 10 seconds: \`${extendAs('worker-2')}\`.`);
      },
    },
  ],
};
