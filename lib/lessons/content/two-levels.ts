import { text } from '../blocks';
import { commandsOn, isNil, notYet, parseLog, passed, setOptions, stringValue, type ParsedCommand } from '../checks/log';
import type { CheckResult, Lesson, LessonSnapshot } from '../types';

const DATA = 'cache:report';
const LOCK = 'lock:report';
/** Long enough to read and type the second leader's attempt while the first holds the lock. */
const LOCK_MS = 120_000;

/** Plain SETs of the value that Redis took after the first miss: one per rebuild. */
function rebuildsAfterMiss(commands: ParsedCommand[]): ParsedCommand[] {
  const missed = commandsOn(commands, 'GET', DATA).find(isNil);
  return missed ? commandsOn(commands, 'SET', DATA).filter((c) => c.index > missed.index && c.text === 'OK' && !setOptions(c).includes('NX')) : [];
}

const lockTries = (commands: ParsedCommand[]) => commandsOn(commands, 'SET', LOCK).filter((c) => setOptions(c).includes('NX'));

function checkCoalescedOnly(snapshot: LessonSnapshot): CheckResult {
  const commands = parseLog(snapshot.log);
  const writers = new Set(rebuildsAfterMiss(commands).map((c) => c.args[1]));
  if (writers.size >= 2) return passed();
  if (!commandsOn(commands, 'GET', DATA).some(isNil)) return notYet(`Both leaders start by reading the cache: \`GET ${DATA}\` misses.`);
  if (writers.size === 1) return notYet('Process A\'s leader has rebuilt. Process B\'s leader missed too, and rebuilds with its own value, e.g. "from B".');
  return notYet(`Each leader rebuilds and writes the value: \`SET ${DATA} "from A" EX 60\`, then the same "from B".`);
}

function checkBothLevels(snapshot: LessonSnapshot): CheckResult {
  const tries = lockTries(parseLog(snapshot.log));
  const won = tries.find((c) => c.text === 'OK');
  const refused = won && tries.some((c) => c.index > won.index && isNil(c) && c.args[1] !== won.args[1]);
  if (won && refused && stringValue(snapshot, LOCK) === won.args[1]) return passed();
  if (!won) return notYet(`Process A's leader takes the lock first: \`SET ${LOCK} A NX PX ${LOCK_MS}\`.`);
  if (!snapshot.keys[LOCK]) return notYet(`The lock is gone. Take it again as A, then try it as B.`);
  return notYet(`Now process B's leader tries the same lock with its own value, \`B\`.`);
}

export const twoLevels: Lesson = {
  slug: 'two-levels',
  title: 'Two levels: coalesce in the process, lock across processes',
  summary: 'Coalescing stops the requests of one process from rebuilding twice; a Redis lock stops the processes from doing it. Each alone leaves a stampede.',
  track: 'advanced',
  raceInvite:
    'Now race it: request coalescing alone against coalescing with a lock. Predict how many rebuilds three processes of a hundred requests cause with each.',
  steps: [
    {
      title: 'Coalescing alone',
      goal: 'play the leaders of processes A and B: both miss cache:report, and both rebuild it.',
      body: [
        text(
          'Inside one process, a hundred requests that miss the same key can share one rebuild: the first becomes the leader, the rest await its result (single-flight, request coalescing). No Redis round trip, no lock.',
        ),
        text(
          `But a site runs many processes, and each has its own leader. Play the leaders of processes A and B: each reads \`${DATA}\`, misses, and writes its rebuilt value back (\`"from A"\`, \`"from B"\`), with \`EX 60\`.`,
        ),
      ],
      passed: 'two processes, two rebuilds: coalescing saved each process, not the database.',
      hint: `\`GET ${DATA}\`, then one plain SET per leader with its own value.`,
      solution: `GET ${DATA}\nSET ${DATA} "from A" EX 60\nSET ${DATA} "from B" EX 60`,
      keys: [DATA],
      target: [{ key: DATA, state: 'expiring' }],
      check: checkCoalescedOnly,
    },
    {
      title: 'Add the lock, for the leaders only',
      goal: 'as the leaders of A and B, try the Redis lock lock:report, each with its own value (NX, 2 minutes).',
      body: [
        text(
          'Across processes, only Redis can decide who rebuilds: the lock from the first lesson. Only the leaders ask for it; the other requests of each process still await their leader. A lock alone would send every request of every process to Redis: three hundred `SET … NX` and their retries instead of three.',
        ),
        text(`Take \`${LOCK}\` as A (value \`A\`, \`NX\`, \`PX ${LOCK_MS}\`), then try it as B.`),
      ],
      prediction: {
        question: `A holds the lock. What will B's \`SET ${LOCK} B NX PX ${LOCK_MS}\` answer?`,
        choices: ['OK', '(nil)'],
        explain: {
          '(nil)':
            "The lock is A's, so B's leader waits for the value instead of rebuilding, and B's other requests wait on their leader: one rebuild for the whole site, and one Redis round trip per process.",
          OK: "The lock was free: A's attempt came later, or it expired. Take it as A first.",
          other: '`SET … NX` answers `OK` when it took the lock and `(nil)` when another process holds it.',
        },
        observe: (snapshot) => {
          const tries = lockTries(parseLog(snapshot.log));
          const won = tries.find((c) => c.text === 'OK');
          return won && tries.find((c) => c.index > won.index && c.args[1] !== won.args[1])?.text;
        },
      },
      passed: 'one leader holds the lock, the other waits: one rebuild across processes.',
      hint: `\`SET ${LOCK} A NX PX ${LOCK_MS}\`, then the same with \`B\`.`,
      solution: `SET ${LOCK} A NX PX ${LOCK_MS}\nSET ${LOCK} B NX PX ${LOCK_MS}`,
      keys: [LOCK],
      target: [{ key: LOCK, value: 'A', state: 'expiring' }],
      check: checkBothLevels,
    },
  ],
};
