import { text } from '../blocks';
import { notYet, parseLog, passed } from '../checks/log';
import type { CheckResult, Lesson, LessonSnapshot } from '../types';

const KEYS = ['product:1', 'product:2', 'product:3'];
/** Keys whose expiries lie closer than this expire, for a busy site, at once. */
const SPREAD_MS = 5_000;
const MIN_TTL_MS = 30_000;
const MAX_TTL_MS = 120_000;

/** The TTLs (ms) of the three keys, or the first key missing or without one. */
function ttls(snapshot: LessonSnapshot): number[] | string {
  const out: number[] = [];
  for (const key of KEYS) {
    const ttl = snapshot.keys[key]?.ttlMs;
    if (ttl === undefined) return `\`${key}\` is missing: cache all three, each with \`EX\` after its value.`;
    if (ttl === null) return `\`${key}\` never expires: give it \`EX 60\` after its value.`;
    out.push(ttl);
  }
  return out;
}

const spread = (values: number[]) => Math.max(...values) - Math.min(...values);

function checkTogether(snapshot: LessonSnapshot): CheckResult {
  const values = ttls(snapshot);
  if (typeof values === 'string') return notYet(values);
  if (spread(values) <= 1_000) return passed();
  return notYet('Their expiries are already apart. Write all three in one run with the same `EX 60`, as a cache warmed in one go would.');
}

function checkJitter(snapshot: LessonSnapshot): CheckResult {
  const values = ttls(snapshot);
  if (typeof values === 'string') return notYet(values);
  if (values.some((ttl) => ttl < MIN_TTL_MS || ttl > MAX_TTL_MS))
    return notYet(
      `Keep every TTL near the minute, between ${MIN_TTL_MS / 1000} and ${MAX_TTL_MS / 1000} seconds: jitter spreads expiries, it does not change how long values live.`,
    );
  const gap = spread(values);
  if (gap >= SPREAD_MS) return passed();
  return notYet(
    `They still expire within ${Math.round(gap / 1000)} s of each other. Give each its own TTL, e.g. \`EX 54\`, \`EX 61\`, \`EX 67\`: 60 plus or minus a random few seconds.`,
  );
}

const set = (key: string, ttl: number) => `SET ${key} "cached" EX ${ttl}`;

export const manyKeys: Lesson = {
  slug: 'many-keys',
  title: 'Many keys expire together',
  summary: 'Keys written at once with one TTL expire at once, and their rebuilds pile up; jittered TTLs spread them.',
  track: 'advanced',
  raceInvite:
    'Now race it: many clients reading keys that expire at the same moment, then with their expiries spread. Predict how many rebuilds run at once in each.',
  steps: [
    {
      title: 'Warm the cache in one go',
      goal: 'cache product:1, product:2 and product:3 in one run, each for 60 seconds.',
      body: [
        text('After a deploy or a restart, a cache is often warmed in one go: every popular key written at once, with the same TTL.'),
        text('Do that for three products: one run, three `SET`s, each value with `EX 60`. Then, in the same run, ask `TTL product:3`.'),
      ],
      prediction: {
        question: 'Right after the three SETs, in the same run: what will `TTL product:3` answer?',
        choices: ['(integer) 60', '(integer) 20', '(integer) -1'],
        explain: {
          '(integer) 60':
            'Each key counts down from its own SET, and the three SETs ran within a millisecond: all three say 60, and all three will expire in the same second. Every one of their readers misses at once.',
          '(integer) -1': '`-1` means a key without a TTL. These were written with `EX 60`, so they count down from 60.',
          other: 'The keys count down together from 60; the later you ask, the smaller the number, but it is the same for all three.',
        },
        observe: (snapshot) => parseLog(snapshot.log).find((c) => c.name === 'TTL' && c.args[0] === 'product:3')?.text,
      },
      passed: 'three keys expire within the same second: one moment, three misses, three rebuilds at once.',
      hint: 'Three lines `SET product:N "cached" EX 60`, then `TTL product:3`.',
      solution: `${KEYS.map((key) => set(key, 60)).join('\n')}\nTTL product:3`,
      keys: KEYS,
      target: KEYS.map((key) => ({ key, ttl: { max: 60_000 } })),
      check: checkTogether,
    },
    {
      title: 'Spread them with jitter',
      goal: 'write the three products again, each with a TTL near 60 seconds but at least 5 seconds apart.',
      body: [
        text(
          'The cure is jitter: each key gets the base TTL plus or minus a random few seconds, so the misses, and the rebuilds, spread over time instead of arriving together.',
        ),
        text(
          'Write the three products again, each with its own TTL between 30 and 120 seconds, at least 5 seconds apart from the others. Watch the keys panel: the countdowns now end one after another.',
        ),
      ],
      passed: 'the three expiries are spread: their misses, and their rebuilds, come one at a time.',
      hint: 'Pick three TTLs around 60 s, such as 54, 61 and 67.',
      solution: [set('product:1', 54), set('product:2', 61), set('product:3', 67)].join('\n'),
      keys: KEYS,
      target: KEYS.map((key) => ({ key, ttl: { min: 30_000, max: 120_000 } })),
      check: checkJitter,
    },
  ],
};
