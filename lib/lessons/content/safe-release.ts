import { code, text } from '../blocks';
import { evalCalls, integerReply, notYet, parseLog, passed, stringValue } from '../checks/log';
import { evalErrorHint } from '../checks/nearMiss';
import type { Lesson, LessonSnapshot } from '../types';

const LOCK = 'order:lock';
const RELEASE = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) else return 0 end`;
const releaseWith = (token: string) => `EVAL "${RELEASE}" 1 ${LOCK} ${token}`;
const SHARED_VALUES = new Set(['locked', 'lock', '1', 'true', 'yes', 'taken']);

const releases = (snapshot: LessonSnapshot) =>
  evalCalls(parseLog(snapshot.log), "redis.call('GET', KEYS[1]) == ARGV[1]", "redis.call('DEL', KEYS[1])").filter((c) => c.keys[0] === LOCK);

export const safeRelease: Lesson = {
  slug: 'safe-release',
  title: 'Release only your own lock',
  summary: 'A random token as the lock value, and a compare-and-delete script, so a slow client cannot release a lock it no longer holds.',
  track: 'advanced',
  raceInvite:
    "Now race it: locks released with a plain DEL against compare-and-delete. Predict how many rebuilds run at once when a slow holder deletes its successor's lock.",
  steps: [
    {
      title: 'Take the lock with a token',
      goal: 'take order:lock with a random token of your own as its value, NX and a 5-minute TTL.',
      body: [
        text(
          "If every client writes \"locked\", a lock cannot tell its holders apart. Suppose client A's lock expired and client B took it: A's plain `DEL` would now release B's lock, and a third client could walk in.",
        ),
        text(
          'So each client writes a random token of its own, here `5f2c9e71`, and remembers it. The lock lives 5 minutes here, so it is still there while you read and type the next steps.',
        ),
        code('SET order:lock 5f2c9e71 NX PX 300000'),
      ],
      passed: '`order:lock` holds a token only this client knows, with a TTL.',
      hint: 'Use a value only this client knows (a random token of 6 characters or more), plus `NX` and a TTL.',
      solution: 'SET order:lock 5f2c9e71 NX PX 300000',
      keys: [LOCK],
      target: [{ key: LOCK, ttl: { max: 300_000 } }],
      check: (snapshot) => {
        const state = snapshot.keys[LOCK];
        const value = stringValue(snapshot, LOCK);
        if (!state || value === undefined) return notYet('Take the lock: `SET order:lock 5f2c9e71 NX PX 300000`.');
        if (SHARED_VALUES.has(value.toLowerCase()) || value.length < 6)
          return notYet(
            `"${value}" is a value any client could write, so nobody can tell whose lock it is. Use a random token, e.g. \`5f2c9e71\` (DEL the key first).`,
          );
        if (state.ttlMs === null)
          return notYet(
            'This lock has no TTL: if its holder crashes it stays forever. DEL it and take it again with `PX 300000` (5 minutes: time to read and type the next steps).',
          );
        return passed();
      },
    },
    {
      title: 'A wrong token deletes nothing',
      goal: 'run the compare-and-delete script as a client whose token no longer matches.',
      body: [
        text(
          'Releasing means: delete the key only if it still holds my token. A GET followed by a DEL would leave a gap between the two in which the lock can change hands, so the comparison and the delete run as one Lua script, which Redis executes without interleaving other commands.',
        ),
        text(
          '`EVAL "<script>" numkeys key… arg…`: `numkeys` (here 1) says how many words after it are key names, which the script reads as `KEYS[1]`, `KEYS[2]`…; the words after the keys are `ARGV[1]`, `ARGV[2]`…. The script is one double-quoted argument, so its own strings take single quotes.',
        ),
        text('First play a client whose lock has expired: its token no longer matches.'),
        code(releaseWith('not-my-token')),
      ],
      prediction: {
        question: '`order:lock` holds your token, and this client passes `not-my-token`. What will the script answer?',
        choices: ['(integer) 0', '(integer) 1', '(nil)'],
        explain: {
          '(integer) 0':
            "The GET inside the script returned your token, which is not `not-my-token`, so the script took the `else` branch and deleted nothing: a client whose lock expired cannot release its successor's.",
          '(integer) 1':
            'The script deleted the lock: the token you passed matched what `order:lock` held. Take the lock again with your token and pass a different one.',
          other: "The script answers what its branch returns: `DEL`'s count (1) when the tokens match, and 0 otherwise.",
        },
        observe: (snapshot) => releases(snapshot)[0]?.text,
      },
      passed: 'the script compared tokens and deleted nothing: the lock is still there.',
      hint: 'Run the script with a token other than the one stored in `order:lock`; it should answer `(integer) 0`.',
      solution: releaseWith('not-my-token'),
      keys: [LOCK],
      target: [{ key: LOCK, state: 'expiring' }],
      check: (snapshot) => {
        const refused = releases(snapshot).some((c) => integerReply(c) === 0);
        if (refused && snapshot.keys[LOCK]) return passed();
        if (!snapshot.keys[LOCK])
          return notYet(
            '`order:lock` is gone, so there is nothing to protect. Take it again with your token (step 1), then run the script with a different token.',
          );
        const error = releases(snapshot).find((c) => c.text.startsWith('(error)'));
        if (error) return notYet(evalErrorHint(error.text));
        return notYet("Run the compare-and-delete script with a token that is not the lock's value.");
      },
    },
    {
      title: 'Your own token releases it',
      goal: 'release order:lock with the script and the token you stored.',
      body: [
        text(
          'Now the rightful holder releases its lock: the same script, with the token it stored in step 1 as the last argument. Type it, or edit the line you ran in step 2.',
        ),
      ],
      passed: 'the script deleted the lock because the token matched.',
      hint: 'Pass the exact token you stored in step 1.',
      solution: releaseWith('5f2c9e71'),
      keys: [LOCK],
      target: [{ key: LOCK, state: 'gone' }],
      check: (snapshot) => {
        if (releases(snapshot).some((c) => integerReply(c) === 1) && !snapshot.keys[LOCK]) return passed();
        const value = stringValue(snapshot, LOCK);
        if (value !== undefined) return notYet(`The lock holds "${value}"; pass exactly that token as the last argument.`);
        return notYet('The lock is gone, but not through the script. Take it again (step 1) and release it with the script and your token.');
      },
    },
  ],
};
