import { code, note, text } from '../blocks';
import { commandsOn, evalCalls, hashFields, integerReply, isError, notYet, parseLog, passed, stringValue, type ParsedCommand } from '../checks/log';
import type { Lesson } from '../types';

const LOCK = 'job:lock';
const FENCE = 'job:fence';
const RESULT = 'job:result';
const FENCED_WRITE = `local last = tonumber(redis.call('HGET', KEYS[1], 'token') or '0') if tonumber(ARGV[1]) > last then redis.call('HSET', KEYS[1], 'token', ARGV[1], 'value', ARGV[2]) return 1 end return 0`;
const write = (token: number, value: string) => `EVAL "${FENCED_WRITE}" 1 ${RESULT} ${token} "${value}"`;

const writes = (commands: ParsedCommand[]) => evalCalls(commands, "'token'", 'tonumber(ARGV[1]) >').filter((c) => c.keys[0] === RESULT);

export const fencingTokens: Lesson = {
  slug: 'fencing-tokens',
  title: 'Fencing tokens',
  summary: 'A lock can expire under a paused client. An INCR counter hands out ever-growing tokens, and the store rejects writes with an old one.',
  track: 'advanced',
  steps: [
    {
      title: 'A lock, and a token from INCR',
      body: [
        text('With the lock, worker 1 also takes a number from a counter. `INCR` is atomic, so every holder gets a larger number than the one before.'),
        code(`SET ${LOCK} worker-1 NX PX 30000\nINCR ${FENCE}`),
      ],
      hint: 'Take the lock and `INCR job:fence`.',
      solution: `SET ${LOCK} worker-1 NX PX 30000\nINCR ${FENCE}`,
      keys: [LOCK, FENCE],
      check: (snapshot) => {
        const incremented = commandsOn(parseLog(snapshot.log), 'INCR', FENCE).some((c) => !isError(c));
        if (incremented && Number(stringValue(snapshot, FENCE)) >= 1) return passed();
        return notYet(`Take a token: \`INCR ${FENCE}\`.`);
      },
    },
    {
      title: 'Worker 1 stalls; worker 2 writes with token 2',
      body: [
        text('Worker 1 pauses, say for a long garbage collection, and its lock expires (the DEL below stands for that). Worker 2 takes the lock and token 2, and writes its result. The store keeps the highest token it has seen and accepts only larger ones.'),
        code(`DEL ${LOCK}\nSET ${LOCK} worker-2 NX PX 30000\nINCR ${FENCE}\n${write(2, 'from worker-2')}`),
      ],
      hint: 'Worker 2 writes with the token INCR gave it; the script answers `(integer) 1`.',
      solution: `DEL ${LOCK}\nSET ${LOCK} worker-2 NX PX 30000\nINCR ${FENCE}\n${write(2, 'from worker-2')}`,
      keys: [LOCK, FENCE, RESULT],
      check: (snapshot) => {
        const fields = hashFields(snapshot, RESULT);
        const token = Number(fields?.token);
        if (fields && token >= 2 && token <= Number(stringValue(snapshot, FENCE))) return passed();
        if (Number(stringValue(snapshot, FENCE) ?? 0) < 2) return notYet(`Worker 2 needs its own token: \`INCR ${FENCE}\` should answer 2.`);
        const last = writes(parseLog(snapshot.log)).at(-1);
        if (last && isError(last)) return notYet(`The script answered ${last.text}. The whole script is one double-quoted argument.`);
        return notYet(`Write as worker 2 with token 2: \`${write(2, 'from worker-2')}\`.`);
      },
    },
    {
      title: 'Worker 1 wakes up, and is fenced off',
      body: [
        text('Worker 1 resumes, still believing it holds the lock, and writes with its token 1. The store has already seen 2, so it refuses: `(integer) 0`, and worker 2\'s result stays.'),
        code(write(1, 'from worker-1')),
        note('The lock alone cannot prevent this: worker 1 cannot know it was paused. The check has to happen where the write lands.'),
      ],
      hint: 'Write with token 1; the store answers `(integer) 0`.',
      solution: write(1, 'from worker-1'),
      keys: [RESULT],
      check: (snapshot) => {
        const fields = hashFields(snapshot, RESULT);
        const refused = writes(parseLog(snapshot.log)).some((c) => integerReply(c) === 0 && Number(c.argv[0]) < Number(fields?.token));
        if (refused && fields?.value !== 'from worker-1') return passed();
        return notYet('Write as worker 1 with its old token, 1, and see the store refuse it.');
      },
    },
  ],
};
