import { code, text } from '../blocks';
import { evalCalls, integerReply, notYet, parseLog, passed, stringValue } from '../checks/log';
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
  steps: [
    {
      title: 'Take the lock with a token',
      body: [
        text('If every client writes "locked", a lock cannot tell its holders apart. Suppose client A\'s lock expired and client B took it: A\'s plain `DEL` would now release B\'s lock, and a third client could walk in.'),
        text('So each client writes a random token of its own, here `5f2c9e71`, and remembers it.'),
        code('SET order:lock 5f2c9e71 NX PX 30000'),
      ],
      hint: 'Use a value only this client knows (a random token of 6 characters or more), plus `NX` and a TTL.',
      solution: 'SET order:lock 5f2c9e71 NX PX 30000',
      keys: [LOCK],
      check: (snapshot) => {
        const state = snapshot.keys[LOCK];
        const value = stringValue(snapshot, LOCK);
        if (!state || value === undefined) return notYet('Take the lock: `SET order:lock 5f2c9e71 NX PX 30000`.');
        if (SHARED_VALUES.has(value.toLowerCase()) || value.length < 6) return notYet(`"${value}" is a value any client could write, so nobody can tell whose lock it is. Use a random token, e.g. \`5f2c9e71\` (DEL the key first).`);
        if (state.ttlMs === null) return notYet('This lock has no TTL: if its holder crashes it stays forever. DEL it and take it again with `PX 30000`.');
        return passed();
      },
    },
    {
      title: 'A wrong token deletes nothing',
      body: [
        text('Releasing means: delete the key only if it still holds my token. A GET followed by a DEL would leave a gap between the two in which the lock can change hands, so the comparison and the delete run as one Lua script, which Redis executes without interleaving other commands.'),
        text('First play a client whose lock has expired: its token no longer matches.'),
        code(releaseWith('not-my-token')),
      ],
      hint: 'Run the script with a token other than the one stored in `order:lock`; it should answer `(integer) 0`.',
      solution: releaseWith('not-my-token'),
      keys: [LOCK],
      check: (snapshot) => {
        const refused = releases(snapshot).some((c) => integerReply(c) === 0);
        if (refused && snapshot.keys[LOCK]) return passed();
        if (!snapshot.keys[LOCK]) return notYet('`order:lock` is gone, so there is nothing to protect. Take it again with your token (step 1), then run the script with a different token.');
        const error = releases(snapshot).find((c) => c.text.startsWith('(error)'));
        if (error) return notYet(`The script answered ${error.text}. Check the quotes: the whole script is one double-quoted argument.`);
        return notYet('Run the compare-and-delete script with a token that is not the lock\'s value.');
      },
    },
    {
      title: 'Your own token releases it',
      body: [text('Now the rightful holder releases its lock. The script answers `(integer) 1` and the key is gone.'), code(releaseWith('5f2c9e71'))],
      hint: 'Pass the exact token you stored in step 1.',
      solution: releaseWith('5f2c9e71'),
      keys: [LOCK],
      check: (snapshot) => {
        if (releases(snapshot).some((c) => integerReply(c) === 1) && !snapshot.keys[LOCK]) return passed();
        const value = stringValue(snapshot, LOCK);
        if (value !== undefined) return notYet(`The lock holds "${value}"; pass exactly that token as the last argument.`);
        return notYet('The lock is gone, but not through the script. Take it again (step 1) and release it with the script and your token.');
      },
    },
  ],
};
