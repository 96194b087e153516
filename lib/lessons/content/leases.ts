import { code, text } from '../blocks';
import { commandsOn, evalCalls, integerReply, isNil, notYet, parseLog, passed, setOptions, stringValue, type ParsedCommand } from '../checks/log';
import { evalErrorHint } from '../checks/nearMiss';
import type { CheckResult, Lesson, LessonSnapshot } from '../types';

const PAGE = 'page:home';
const LEASE = 'page:home:lease';
const TOKEN = '8c1e5b70';
const OTHER = '77aa0142';
/** Long enough to read the three steps and type them while the lease is still out. */
const LEASE_MS = 120_000;
const SHARED_VALUES = new Set(['1', 'lease', 'locked', 'true', 'yes']);
// The fill succeeds only while the reader's lease is still the one out: a delete took it away.
const FILL = `if redis.call('GET', KEYS[2]) == ARGV[1] then redis.call('SET', KEYS[1], ARGV[2], 'EX', 60) redis.call('DEL', KEYS[2]) return 1 end return 0`;
const fill = (token: string, value: string) => `EVAL "${FILL}" 2 ${PAGE} ${LEASE} ${token} "${value}"`;

const leaseSets = (commands: ParsedCommand[]) => commandsOn(commands, 'SET', LEASE).filter((c) => setOptions(c).includes('NX'));
const isToken = (value: string | undefined) => value !== undefined && value.length >= 6 && !SHARED_VALUES.has(value.toLowerCase());
const fills = (commands: ParsedCommand[]) =>
  evalCalls(commands, "redis.call('GET', KEYS[2]) == ARGV[1]").filter((c) => c.keys[0] === PAGE && c.keys[1] === LEASE);

function checkLease(snapshot: LessonSnapshot): CheckResult {
  const commands = parseLog(snapshot.log);
  const missed = commandsOn(commands, 'GET', PAGE).some(isNil);
  const taken = leaseSets(commands).find((c) => c.text === 'OK' && isToken(c.args[1]));
  if (missed && taken && snapshot.keys[LEASE]) return passed();
  if (!missed) return notYet(`First read the page as a client would: \`GET ${PAGE}\` misses.`);
  const last = commandsOn(commands, 'SET', LEASE).at(-1);
  if (last && !setOptions(last).includes('NX')) return notYet('Without `NX`, every reader that misses would get a lease. Add `NX`, so only the first does.');
  if (last?.text === 'OK' && !isToken(last.args[1]))
    return notYet(`"${last.args[1]}" is a lease any reader could claim as its own. DEL ${LEASE} and take it with a token only you know, e.g. \`${TOKEN}\`.`);
  if (taken && !snapshot.keys[LEASE]) return notYet(`Your lease has expired. Take it again: \`SET ${LEASE} ${TOKEN} NX PX ${LEASE_MS}\`.`);
  return notYet(`Take the lease: \`${LEASE}\` with a token of your own, \`NX\`, and \`PX ${LEASE_MS}\`.`);
}

function checkSecondReader(snapshot: LessonSnapshot): CheckResult {
  const commands = parseLog(snapshot.log);
  const first = stringValue(snapshot, LEASE);
  const refused = leaseSets(commands).some((c) => isNil(c) && c.args[1] !== first);
  if (refused && first) return passed();
  if (!first) return notYet(`The first reader's lease is gone. Take it again (step 1), then try as the second reader.`);
  return notYet(`Try the lease as a second reader with its own token, e.g. \`${OTHER}\`.`);
}

function checkInvalidated(snapshot: LessonSnapshot): CheckResult {
  const commands = parseLog(snapshot.log);
  const refused = fills(commands).some((c) => integerReply(c) === 0);
  if (refused && stringValue(snapshot, PAGE) !== 'old page' && !snapshot.keys[LEASE]) return passed();
  const error = fills(commands).findLast((c) => c.text.startsWith('(error)'));
  if (error) return notYet(evalErrorHint(error.text));
  if (snapshot.keys[LEASE]) return notYet(`The lease is still out. The change invalidates the value and its lease: \`DEL ${PAGE} ${LEASE}\`.`);
  if (stringValue(snapshot, PAGE) === 'old page')
    return notYet(`The late fill got in: the lease was still there when it ran. Delete \`${PAGE}\` and \`${LEASE}\` first, then fill.`);
  return notYet(`Now the first reader fills with its old lease: \`${fill(TOKEN, 'old page')}\`.`);
}

export const leases: Lesson = {
  slug: 'leases',
  title: 'Leases: who may fill the cache',
  summary:
    "A miss hands out a lease; others wait instead of rebuilding; a delete takes the lease away, so a late fill with stale data is refused (Facebook's memcache, 2013).",
  track: 'advanced',
  raceInvite:
    'Now race it: a lease lets one client fill while the rest wait, as a lock does. Predict how many rebuilds a thousand clients cause with it, and how long the slowest waits.',
  steps: [
    {
      title: 'A miss hands out a lease',
      goal: 'read page:home and miss, then take its lease, page:home:lease, with a token of your own (NX, 2 minutes).',
      body: [
        text(
          'In "Scaling Memcache at Facebook" (Nishtala et al., 2013), a reader that misses gets a lease: a token that entitles it, and only it, to fill the key. Here the lease is a key beside the value, taken with `SET … NX`, its value the reader\'s token.',
        ),
        text(`Read \`${PAGE}\` (a miss), then take the lease with a token of your own, \`NX\` and \`PX ${LEASE_MS}\`.`),
      ],
      passed: 'you missed, and hold the lease: you alone may fill the page.',
      hint: `\`SET ${LEASE} <your token> NX PX ${LEASE_MS}\` after the GET.`,
      solution: `GET ${PAGE}\nSET ${LEASE} ${TOKEN} NX PX ${LEASE_MS}`,
      keys: [PAGE, LEASE],
      target: [{ key: LEASE, state: 'expiring' }],
      check: checkLease,
    },
    {
      title: 'A second reader waits',
      goal: 'as a second reader with its own token, miss and try the lease too.',
      body: [text(`A second reader misses \`${PAGE}\` a moment later and asks for the lease with its own token.`)],
      prediction: {
        question: `The first reader holds the lease. What will the second reader's \`SET ${LEASE} ${OTHER} NX PX ${LEASE_MS}\` answer?`,
        choices: ['OK', '(nil)'],
        explain: {
          '(nil)':
            'The lease is out, so `NX` refused: the second reader gets no lease and must not hit the database. It waits a moment and reads again, or serves a stale copy if one is kept. A thousand readers, one rebuild.',
          OK: 'The lease was free: the first one had expired or been deleted. Take it again as the first reader (step 1), then try this.',
          other: '`SET … NX` answers `OK` when it took the lease and `(nil)` when someone holds it.',
        },
        observe: (snapshot) => {
          const sets = leaseSets(parseLog(snapshot.log));
          const first = sets.find((c) => c.text === 'OK');
          return first && sets.find((c) => c.index > first.index && c.args[1] !== first.args[1])?.text;
        },
      },
      passed: 'the second reader got no lease: it waits instead of rebuilding.',
      hint: 'The same SET as in step 1, with another token.',
      solution: `GET ${PAGE}\nSET ${LEASE} ${OTHER} NX PX ${LEASE_MS}`,
      keys: [LEASE],
      target: [{ key: LEASE, value: TOKEN, state: 'expiring' }],
      check: checkSecondReader,
    },
    {
      title: 'A delete takes the lease away',
      goal: 'invalidate page:home and its lease, then let the first reader try to fill with its old lease.',
      body: [
        text(
          'While the first reader is rebuilding, the page changes in the database. The app invalidates the cached value, and with it the outstanding lease: one `DEL` of both keys.',
        ),
        text(
          'Then the first reader, holding what it read before the change, tries to fill. The fill runs as one script: write only if the lease is still mine. `KEYS[1]` is the page, `KEYS[2]` the lease, `ARGV[1]` the token and `ARGV[2]` the value.',
        ),
        code(`DEL ${PAGE} ${LEASE}`),
        text(`Now type the fill as the first reader: \`EVAL\`, the script below in double quotes, \`2 ${PAGE} ${LEASE}\`, your token and "old page".`),
        code(FILL),
      ],
      prediction: {
        question: 'The lease was deleted after the first reader took it. What will its fill answer?',
        choices: ['(integer) 1', '(integer) 0'],
        explain: {
          '(integer) 0':
            'The lease the reader holds is no longer out, so the script wrote nothing: the stale page never reaches the cache. The next reader misses, gets a fresh lease, and fills with the new data.',
          '(integer) 1': 'The fill got in: the lease was still there. Delete both keys first; then a fill with the old lease is refused.',
          other: 'The fill answers 1 when it wrote and 0 when the lease was gone.',
        },
        observe: (snapshot) => fills(parseLog(snapshot.log))[0]?.text,
      },
      passed: 'the late fill with an invalidated lease was refused: no stale page in the cache.',
      hint: 'First `DEL page:home page:home:lease`, then the fill with the token from step 1.',
      solution: `DEL ${PAGE} ${LEASE}\n${fill(TOKEN, 'old page')}`,
      keys: [PAGE, LEASE],
      target: [
        { key: PAGE, state: 'gone' },
        { key: LEASE, state: 'gone' },
      ],
      check: checkInvalidated,
    },
  ],
};
