import { code, note, text } from '../blocks';
import { hashFields, notYet, parseLog, passed, setOptions, setTtlMs, type ParsedCommand } from '../checks/log';
import { firstReply } from '../predictions';
import type { Lesson } from '../types';

const KEY = 'product:42';
const REFRESH = 'product:42:refresh';
const TOKEN = '7d1f3a9c';
// The refresh lock is released by compare-and-delete, as "Release only your own lock" taught: a
// refresher whose lock expired must not delete the next refresher's.
const REFRESH_SCRIPT = `EVAL "local now = redis.call('TIME')[1] redis.call('HSET', KEYS[1], 'value', ARGV[1], 'fresh_until', now + 60) redis.call('EXPIRE', KEYS[1], 3600) if redis.call('GET', KEYS[2]) == ARGV[2] then return redis.call('DEL', KEYS[2]) end return 0" 2 ${KEY} ${REFRESH} "v2" ${TOKEN}`;
const SHARED_VALUES = new Set(['1', 'locked', 'lock', 'true', 'yes']);

const isNumber = (value: string | undefined) => value !== undefined && value.trim() !== '' && Number.isFinite(Number(value));

export const staleWhileRevalidate: Lesson = {
  slug: 'stale-while-revalidate',
  title: 'Serve stale while one client refreshes',
  summary: 'A logical expiry inside the value and a longer physical TTL: readers keep getting the old value while exactly one client refreshes it.',
  track: 'advanced',
  raceInvite:
    'Now race it: serve stale while one client refreshes, against a plain lock. Predict how long the slowest client waits when nobody has to wait for the rebuild.',
  steps: [
    {
      title: 'Two expiries',
      goal: 'store product:42 as a hash with value and fresh_until (already past), living for an hour.',
      body: [
        text(
          'Store the value together with the time it stops being fresh, `fresh_until` in Unix seconds. The key itself lives much longer (here an hour), so a stale value is still there to serve.',
        ),
        code(`HSET ${KEY} value "v1" fresh_until 1\nEXPIRE ${KEY} 3600`),
        text(
          '`fresh_until 1` is a moment long past, so the value is already stale and the next step has something to refresh. Normally it would be now plus the freshness period.',
        ),
      ],
      passed: '`product:42` holds a value, its logical expiry and a longer physical TTL.',
      hint: 'A hash with the fields `value` and `fresh_until` (a number), and a TTL on the key.',
      solution: `HSET ${KEY} value "v1" fresh_until 1\nEXPIRE ${KEY} 3600`,
      keys: [KEY],
      target: [{ key: KEY, state: 'expiring' }],
      check: (snapshot) => {
        const fields = hashFields(snapshot, KEY);
        if (!fields)
          return notYet(
            snapshot.keys[KEY] ? `\`${KEY}\` must be a hash; DEL it and use HSET.` : `Store the value with HSET: \`HSET ${KEY} value "v1" fresh_until 1\`.`,
          );
        if (fields.value === undefined) return notYet('The hash needs a `value` field.');
        if (!isNumber(fields.fresh_until)) return notYet('`fresh_until` must be a number: the Unix time, in seconds, when the value turns stale.');
        if (snapshot.keys[KEY]!.ttlMs === null) return notYet(`Give the key its physical TTL, longer than the freshness: \`EXPIRE ${KEY} 3600\`.`);
        return passed();
      },
    },
    {
      title: 'Stale: serve it, and let one client refresh',
      goal: 'read product:42 as a reader would, then try the refresh lock product:42:refresh.',
      body: [
        text(
          'A reader gets the hash, sees `fresh_until` is in the past, and returns the stale value at once. It also tries a short refresh lock, with a token of its own as in "Release only your own lock": whoever gets `OK` refreshes in the background; everybody else just serves the stale value.',
        ),
        code(`HGETALL ${KEY}\nSET ${REFRESH} ${TOKEN} NX PX 10000`),
      ],
      prediction: {
        question: '`fresh_until` is long past. What will `HGETALL product:42` answer?',
        choices: ['(empty array)', '1) "value" 2) "v1" 3) "fresh_until" 4) "1"'],
        explain: {
          '1) "value" 2) "v1" 3) "fresh_until" 4) "1"':
            "Redis knows nothing of `fresh_until`: only the key's physical TTL removes it, and that is an hour. So the reader still gets the stale value and serves it at once; staleness is the application's decision.",
          '(empty array)': 'The key was gone: its physical TTL ran out, or it was never written. Redo step 1; the hash lives for an hour.',
          other: 'HGETALL answers every field and value of the hash, whatever they say about freshness.',
        },
        observe: (snapshot) => firstReply(snapshot, (c) => c.name === 'HGETALL' && c.args[0] === KEY),
      },
      passed: 'the reader got the stale value and won the refresh lock.',
      hint: 'Read the hash, then take the refresh lock with a token, `NX` and a TTL.',
      solution: `HGETALL ${KEY}\nSET ${REFRESH} ${TOKEN} NX PX 10000`,
      keys: [KEY, REFRESH],
      target: [
        { key: KEY, state: 'expiring' },
        { key: REFRESH, state: 'expiring' },
      ],
      check: (snapshot) => {
        const commands = parseLog(snapshot.log);
        const read = commands.some((c) => ['HGETALL', 'HGET', 'HMGET'].includes(c.name) && c.args[0] === KEY);
        const locks = commands.filter((c) => c.name === 'SET' && c.args[0] === REFRESH);
        const isToken = (c: ParsedCommand) => !SHARED_VALUES.has((c.args[1] ?? '').toLowerCase()) && (c.args[1] ?? '').length >= 6;
        if (read && locks.some((c) => c.text === 'OK' && setOptions(c).includes('NX') && setTtlMs(c) !== undefined && isToken(c))) return passed();
        if (!read) return notYet(`Read the value first: \`HGETALL ${KEY}\`.`);
        const last = locks.at(-1);
        if (last && !setOptions(last).includes('NX')) return notYet('Without `NX`, every reader would think it won and all of them would refresh. Add `NX`.');
        if (last && setTtlMs(last) === undefined)
          return notYet(`Give the refresh lock a TTL (\`PX 10000\`) so a refresher that dies does not block refreshes forever. DEL ${REFRESH} and try again.`);
        if (last?.text === 'OK' && !isToken(last))
          return notYet(
            `"${last.args[1]}" is a value any refresher could write, so a slow one could delete its successor's lock. DEL ${REFRESH} and take it with a token of your own, e.g. \`${TOKEN}\`.`,
          );
        if (last?.text === '(nil)') return notYet(`\`${REFRESH}\` is already held. DEL it and take it again.`);
        return notYet(`Take the refresh lock: \`SET ${REFRESH} 1 NX PX 10000\`.`);
      },
    },
    {
      title: 'The refresher writes the new value',
      goal: 'store a new value with a fresh_until in the future, renew the TTL and release the refresh lock.',
      body: [
        text(
          "The lock holder rebuilds the value, stores it with a new `fresh_until`, renews the physical TTL and releases the lock only if it still holds its token. One script does it with Redis's own clock: `KEYS[1]` is the value, `KEYS[2]` the refresh lock, `ARGV[1]` the new value and `ARGV[2]` the token.",
        ),
        code(REFRESH_SCRIPT),
        text(
          'The physical TTL bounds how stale a reply can be: a value nobody refreshes is served at most an hour after its last refresh, then it is gone and the next reader misses. The same hour covers stale-if-error: when the rebuild fails, readers keep getting the stale value instead of an error, until the TTL ends.',
        ),
        note(
          'By hand: run `TIME`, add 60 to the first number, and `HSET` that as `fresh_until` with the new value; then `EXPIRE`, and release the refresh lock with the compare-and-delete script.',
        ),
      ],
      passed: 'the value is fresh again, and the refresh lock is released.',
      hint: '`fresh_until` must be in the future (Unix seconds), the value new, the key still with a TTL, and the refresh lock gone.',
      solution: REFRESH_SCRIPT,
      keys: [KEY, REFRESH],
      target: [
        { key: KEY, state: 'expiring' },
        { key: REFRESH, state: 'gone' },
      ],
      check: (snapshot) => {
        const fields = hashFields(snapshot, KEY);
        if (!fields) return notYet(`\`${KEY}\` is gone; redo step 1 and refresh it.`);
        if (!isNumber(fields.fresh_until) || Number(fields.fresh_until) * 1000 <= snapshot.now)
          return notYet('`fresh_until` is still in the past. It counts seconds since 1970: run `TIME` and add 60 to its first number.');
        if (fields.value === 'v1' || fields.value === undefined) return notYet('Store the regenerated value too, e.g. `value "v2"`.');
        if (snapshot.keys[KEY]!.ttlMs === null) return notYet(`Keep a physical TTL on the key: \`EXPIRE ${KEY} 3600\`.`);
        if (snapshot.keys[REFRESH]) return notYet(`Release the refresh lock: \`DEL ${REFRESH}\`.`);
        return passed();
      },
    },
  ],
};
