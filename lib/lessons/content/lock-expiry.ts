import { code, note, text } from '../blocks';
import { commandsOn, isError, notYet, parseLog, passed, setOptions, setTtlMs, stringValue, type ParsedCommand } from '../checks/log';
import type { Lesson } from '../types';

const LOCK = 'report:lock';

const lockSets = (commands: ParsedCommand[], holder: string) =>
  commands.filter((c) => c.name === 'SET' && c.args[0] === LOCK && c.args[1] === holder && setOptions(c).includes('NX'));

export const lockExpiry: Lesson = {
  slug: 'lock-expiry',
  title: 'When the lock expires mid-regeneration',
  summary: 'A lock TTL shorter than the work lets a second client in while the first is still busy: two holders.',
  track: 'advanced',
  steps: [
    {
      title: 'Worker 1 takes a short lock',
      body: [
        text('A report takes a few seconds to build. Worker 1 takes the lock, but with an optimistic TTL of 2 seconds.'),
        code('SET report:lock worker-1 NX PX 2000'),
      ],
      hint: 'Take `report:lock` with the value `worker-1`, `NX`, and a TTL of at most 5 seconds.',
      solution: 'SET report:lock worker-1 NX PX 2000',
      keys: [LOCK],
      check: (snapshot) => {
        const sets = lockSets(parseLog(snapshot.log), 'worker-1');
        if (sets.some((c) => c.text === 'OK' && (setTtlMs(c) ?? Infinity) <= 5_000)) return passed();
        const last = sets.at(-1);
        if (last?.text === '(nil)') return notYet('`report:lock` is still held from an earlier try. Wait for it to expire (watch its TTL) or `DEL report:lock`, then take it again.');
        if (last) return notYet('Give the lock a short TTL, at most 5 seconds, e.g. `PX 2000`: this lesson is about what a too-short TTL does.');
        return notYet('Take the lock as worker 1: `SET report:lock worker-1 NX PX 2000`.');
      },
    },
    {
      title: 'The work outlives the lock',
      body: [
        text('Worker 1 is still building the report when its 2 seconds run out. `BLPOP` on a list nobody fills stands in for 3 seconds of slow work. Then worker 2 misses the cache and tries the lock.'),
        code('BLPOP report:never 3\nSET report:lock worker-2 NX PX 10000'),
        text('Worker 2 gets `OK`: the lock had expired. Worker 1 still believes it holds it. Two clients now regenerate at once, which is the stampede the lock was meant to stop.'),
      ],
      hint: 'Wait until worker 1\'s lock has expired, then take it as `worker-2` with `NX`.',
      solution: 'BLPOP report:never 3\nSET report:lock worker-2 NX PX 10000',
      keys: [LOCK],
      check: (snapshot) => {
        const sets = lockSets(parseLog(snapshot.log), 'worker-2');
        if (sets.some((c) => c.text === 'OK')) return passed();
        if (sets.at(-1)?.text === '(nil)') return notYet('Worker 1\'s lock has not expired yet, so `NX` kept worker 2 out. Wait a moment (`BLPOP report:never 3`) and try again.');
        if (!snapshot.keys[LOCK]) return notYet('The lock is free now. Take it as worker 2: `SET report:lock worker-2 NX PX 10000`.');
        return notYet('Let the work run past the TTL with `BLPOP report:never 3`, then try `SET report:lock worker-2 NX PX 10000`.');
      },
    },
    {
      title: 'Size the TTL, and extend it while working',
      body: [
        text('Ask Redis who holds the lock now. Worker 1 would get "worker-2": if it deleted the lock now, it would release someone else\'s.'),
        text('The cure is a TTL comfortably longer than the slowest regeneration, and a holder that extends its lock while it is still working. Extend worker 2\'s lock to 30 seconds:'),
        code('GET report:lock\nPEXPIRE report:lock 30000'),
        note('Real code extends only if the lock still holds its own value, with a compare-and-extend script like the compare-and-delete in "Release only your own lock".'),
      ],
      hint: 'PEXPIRE sets a new TTL in milliseconds on an existing key.',
      solution: 'GET report:lock\nPEXPIRE report:lock 30000',
      keys: [LOCK],
      check: (snapshot) => {
        const commands = parseLog(snapshot.log);
        const extended = [...commandsOn(commands, 'PEXPIRE', LOCK), ...commandsOn(commands, 'EXPIRE', LOCK)].some((c) => c.text === '(integer) 1');
        const state = snapshot.keys[LOCK];
        if (stringValue(snapshot, LOCK) === 'worker-2' && extended && (state?.ttlMs ?? 0) > 10_000) return passed();
        if (!state) return notYet('Worker 2\'s lock expired before you extended it. Take it again (`SET report:lock worker-2 NX PX 10000`) and extend it in the same run.');
        if (stringValue(snapshot, LOCK) !== 'worker-2') return notYet('`report:lock` should hold "worker-2": extend the lock worker 2 holds.');
        const error = commandsOn(commands, 'PEXPIRE', LOCK).find(isError);
        if (error) return notYet(`PEXPIRE answered ${error.text}: it takes a key and milliseconds, e.g. \`PEXPIRE report:lock 30000\`.`);
        return notYet('Extend it beyond 10 seconds: `PEXPIRE report:lock 30000`.');
      },
    },
  ],
};
