import { code, note, text } from '../blocks';
import { commandsOn, isError, lastOf, notYet, parseLog, passed, setOptions, stringValue, type ParsedCommand } from '../checks/log';
import { lastLockAttempt, lockAttemptHint, looksLike, setsNear, unquotedValueHint, wrongKeyHint } from '../checks/nearMiss';
import { firstReply } from '../predictions';
import type { CheckResult, Lesson, LessonSnapshot } from '../types';

const DATA = 'cache:data';
const LOCK = 'cache:lock';
const TTL_MS = 30_000;

/** Advice for a plain `SET key "value"` that did not leave `key` holding `expected`. */
function plainSetHint(snapshot: LessonSnapshot, key: string, expected: string): string {
  const commands = parseLog(snapshot.log);
  const last = lastOf(setsNear(commands, key));
  if (last) {
    const unquoted = unquotedValueHint(last, expected);
    if (unquoted) return unquoted;
    if (last.args[0] !== key) return wrongKeyHint(last.args[0]!, key);
  }
  const stray = Object.keys(snapshot.keys).find((name) => looksLike(name, key));
  if (stray) return wrongKeyHint(stray, key);
  const current = stringValue(snapshot, key);
  if (current !== undefined) return `\`${key}\` holds "${current}"; this step expects "${expected}". Run \`SET ${key} "${expected}"\`.`;
  return `\`${key}\` does not exist yet. Run \`SET ${key} "${expected}"\`.`;
}

/** `SET cache:lock "locked" NX PX 30000`, exactly, whatever it answered. */
const isLockAttempt = (c: ParsedCommand) => {
  const options = setOptions(c);
  const px = options.indexOf('PX');
  return (
    c.name === 'SET' &&
    c.args[0] === LOCK &&
    c.args[1] === 'locked' &&
    options.includes('NX') &&
    px >= 0 &&
    options[px + 1] === String(TTL_MS) &&
    (c.text === 'OK' || c.text === '(nil)')
  );
};

function checkLockAttempt(snapshot: LessonSnapshot): CheckResult {
  const commands = parseLog(snapshot.log);
  const tried = commands.some(isLockAttempt);
  const read = commandsOn(commands, 'GET', DATA).some((c) => !isError(c));
  if (tried && read) return passed();
  const attempt = lastLockAttempt(commands, LOCK);
  const specific = attempt && !isLockAttempt(attempt) ? lockAttemptHint(attempt, LOCK, TTL_MS) : undefined;
  if (specific) return notYet(specific);
  if (!read) return notYet('First read the cache, as a client would before regenerating: `GET cache:data`.');
  return notYet('Now try to take the lock: `SET cache:lock "locked" NX PX 30000`.');
}

function checkReleased(snapshot: LessonSnapshot): CheckResult {
  const commands = parseLog(snapshot.log);
  const firstAttempt = commands.find(isLockAttempt)?.index ?? -1;
  const dels = commands.filter((c) => (c.name === 'DEL' || c.name === 'UNLINK') && c.index > firstAttempt && !isError(c));
  const released = dels.some((c) => c.args.includes(LOCK));
  if (released && !snapshot.keys[LOCK]) return passed();
  const wrong = dels.flatMap((c) => c.args).find((name) => looksLike(name, LOCK));
  if (wrong) return notYet(wrongKeyHint(wrong, LOCK));
  if (snapshot.keys[LOCK]) return notYet('`cache:lock` still exists, so every other client is still kept out. Release it: `DEL cache:lock`.');
  return notYet('Release the lock explicitly with `DEL cache:lock`, rather than waiting for it to expire.');
}

export const stampedeLock: Lesson = {
  slug: 'stampede-lock',
  title: 'Prevent a cache stampede with a lock',
  summary: 'When a popular cached value expires, only one client should rebuild it. A lock made with SET NX decides which one.',
  track: 'basics',
  raceInvite:
    'Now race it: a thousand clients miss the same key at once, first with no lock, then with the one you just built. Predict how many of them rebuild the value before you press Run race.',
  steps: [
    {
      title: 'Cache a value',
      goal: 'store the text "initial value" in the key cache:data.',
      body: [
        text(
          'A cache stampede starts when a popular key expires and hundreds of clients miss it at the same moment, all rebuilding the same value from a slow database.',
        ),
        text('Start with the cached value itself. Quote it: it contains a space.'),
        code('SET cache:data "initial value"'),
      ],
      passed: '`cache:data` holds "initial value": the value every client reads.',
      hint: 'Without quotes, `initial` and `value` are two separate arguments.',
      solution: 'SET cache:data "initial value"',
      keys: [DATA],
      target: [{ key: DATA, value: 'initial value', state: 'persistent' }],
      check: (snapshot) => (stringValue(snapshot, DATA) === 'initial value' ? passed() : notYet(plainSetHint(snapshot, DATA, 'initial value'))),
    },
    {
      title: 'Someone takes the lock',
      goal: 'play the client that takes the lock: the key cache:lock holds the text "locked".',
      body: [
        text('The lock is an ordinary key. Whoever holds `cache:lock` is the one client allowed to regenerate `cache:data`.'),
        text('Play that client: take the lock.'),
        code('SET cache:lock "locked"'),
      ],
      passed: '`cache:lock` exists: one client holds the lock, and everyone else must stay out.',
      hint: 'The lock is just a string key called `cache:lock` with the value "locked".',
      solution: 'SET cache:lock "locked"',
      keys: [LOCK],
      target: [{ key: LOCK, value: 'locked' }],
      check: (snapshot) => {
        const set = parseLog(snapshot.log).some((c) => c.name === 'SET' && c.args[0] === LOCK && c.args[1] === 'locked' && c.text === 'OK');
        return stringValue(snapshot, LOCK) === 'locked' || set ? passed() : notYet(plainSetHint(snapshot, LOCK, 'locked'));
      },
    },
    {
      title: 'A second client tries its luck',
      goal: 'as a second client, read cache:data, then try to take cache:lock ("locked", NX, expiring after 30,000 ms).',
      body: [
        text('Now be a second client. It reads the cache, and to regenerate it would first have to take the lock.'),
        text(
          'Two options turn `SET` into a lock. `NX` sets the key only if it does not exist yet, so exactly one client wins. `PX 30000` makes the key expire after 30,000 milliseconds, so a crashed holder cannot block everyone forever. Options come after the value: `SET key value NX PX 30000`.',
        ),
        text('Read `cache:data` with `GET`, then try to take `cache:lock` with the value "locked", `NX` and `PX 30000`. Type both lines yourself.'),
      ],
      prediction: {
        question: 'Step 2 left `cache:lock` holding "locked". What will `SET cache:lock "locked" NX PX 30000` answer?',
        choices: ['OK', '(nil)', '"locked"'],
        explain: {
          '(nil)':
            'The lock from step 2 is still held, so `NX` refused to write: `(nil)` is how a second client is kept out while someone else regenerates. To see `OK`, run `DEL cache:lock` and the SET again, then watch its 30-second countdown in the keys panel.',
          OK: 'The lock was free (deleted or expired), so `NX` let this client take it: it now regenerates the value, and every other client gets `(nil)` for the next 30 seconds or until it is released.',
          other:
            'A SET with `NX` answers `OK` when it wrote the key and `(nil)` when the key already existed; it never returns the old value (that is the `GET` option).',
        },
        observe: (snapshot) => firstReply(snapshot, isLockAttempt),
      },
      passed: 'the second client read the cache and tried the lock with `NX PX 30000`.',
      hint: 'Both options matter: `NX` (only if nobody holds it) and `PX 30000` (expire after 30 seconds).',
      solution: 'GET cache:data\nSET cache:lock "locked" NX PX 30000',
      keys: [DATA, LOCK],
      target: [
        { key: DATA, value: 'initial value' },
        { key: LOCK, value: 'locked' },
      ],
      check: checkLockAttempt,
    },
    {
      title: 'Release the lock',
      goal: 'release the lock, so the next client need not wait for it to expire.',
      body: [
        text('Once the value is regenerated, the holder releases the lock straight away, so the next miss need not wait for the 30 seconds to run out.'),
        text('A lock is an ordinary key: releasing it means deleting `cache:lock` with `DEL`.'),
        note(
          'A plain DEL is fine while you are the only client. The advanced lessons show why real code checks that the lock is still its own before deleting it.',
        ),
      ],
      passed: '`cache:lock` is gone, so the next miss can take it at once.',
      hint: 'Delete the lock key.',
      solution: 'DEL cache:lock',
      keys: [LOCK],
      target: [{ key: LOCK, state: 'gone' }],
      check: checkReleased,
    },
  ],
};
