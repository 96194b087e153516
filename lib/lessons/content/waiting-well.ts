import { code, note, text } from '../blocks';
import { isError, isNil, notYet, parseLog, passed, type ParsedCommand } from '../checks/log';
import type { Lesson } from '../types';

const LOCK = 'page:lock';
const RELEASED = 'page:released';
const DATA = 'page:data';

const pops = (commands: ParsedCommand[]) => commands.filter((c) => (c.name === 'BLPOP' || c.name === 'BRPOP') && c.args.includes(RELEASED));
const POLLS = new Set(['EXISTS', 'GET', 'PTTL', 'TTL']);

export const waitingWell: Lesson = {
  slug: 'waiting-well',
  title: 'Waiting for the lock holder',
  summary: 'Clients that lose the lock race must wait for the fresh value: poll with backoff, or be told with a blocking list pop.',
  track: 'advanced',
  raceInvite: 'Now race it: waiters that poll against waiters that are told. Predict how long the slowest client waits in each.',
  steps: [
    {
      title: 'Poll, with backoff',
      goal: 'take page:lock as worker 1, then check twice, as a waiting client, whether it is still held.',
      body: [
        text(
          'Worker 1 holds the lock while it rebuilds the page. Every other client that missed the cache has to wait. The simplest way is to poll: check the lock, sleep, check again.',
        ),
        code('SET page:lock worker-1 NX PX 300000\nEXISTS page:lock\nEXISTS page:lock'),
        text(
          'Good polling backs off: sleep 50 ms, then 100, then 200, up to a cap, with some random jitter so that a hundred waiters do not poll in lockstep. Still, each poll is a round trip, and a waiter may sleep past the moment the value arrived.',
        ),
      ],
      passed: 'the lock is held, and a waiter polled it twice.',
      hint: 'Take `page:lock`, then check it at least twice with `EXISTS page:lock`.',
      solution: 'SET page:lock worker-1 NX PX 300000\nEXISTS page:lock\nEXISTS page:lock',
      keys: [LOCK],
      target: [{ key: LOCK, value: 'worker-1', state: 'expiring' }],
      check: (snapshot) => {
        const polls = parseLog(snapshot.log).filter((c) => POLLS.has(c.name) && c.args[0] === LOCK && !isError(c));
        if (!snapshot.keys[LOCK]) return notYet('Take the lock first: `SET page:lock worker-1 NX PX 300000`.');
        if (polls.length < 2) return notYet('Now poll it like a waiting client, at least twice: `EXISTS page:lock`.');
        return passed();
      },
    },
    {
      title: 'Be told instead',
      goal: 'as the holder, write the rebuilt page:data, release page:lock and announce it on page:released; as a waiter, receive the announcement.',
      body: [
        text(
          'Better: the holder announces the release. It first writes the rebuilt value, so that whoever wakes finds it; then it deletes the lock and pushes onto a release list. Waiters block on `BLPOP`, and Redis wakes one of them the moment something arrives, with no polling at all.',
        ),
        code('SET page:data "rebuilt page"\nDEL page:lock\nLPUSH page:released done\nBLPOP page:released 5'),
        text(
          'One `LPUSH` wakes one waiter: `BLPOP` hands each item to exactly one client. To wake all of them, the holder pushes one item per waiter, or each woken waiter pushes the notice on before it leaves, so the next one wakes too; every waiter that wakes reads `page:data` rather than trusting the notice.',
        ),
        text(
          'In a real system the BLPOP is already waiting on another connection when the push happens. Here all three commands share your one connection, so the push comes first and the pop answers at once.',
        ),
        note(
          "A notice nobody takes stays in the list, and would wake the next round's first waiter with stale news. So a holder clears the list when it takes the lock (`DEL page:released`), and a woken waiter that finds no value waits again. Pub/sub (PUBLISH and SUBSCRIBE) can announce a release to every waiter at once, but a message sent while nobody listens is lost. SUBSCRIBE is not available in this playground's console, and a list keeps the message until someone takes it.",
        ),
      ],
      passed: 'the lock was released and the waiter received the announcement.',
      hint: 'Write `page:data` first, then `DEL page:lock`, `LPUSH page:released done`, and receive it with `BLPOP page:released 5`.',
      solution: 'SET page:data "rebuilt page"\nDEL page:lock\nLPUSH page:released done\nBLPOP page:released 5',
      keys: [DATA, LOCK, RELEASED],
      target: [{ key: DATA }, { key: LOCK, state: 'gone' }, { key: RELEASED, state: 'gone' }],
      check: (snapshot) => {
        const commands = parseLog(snapshot.log);
        const received = pops(commands).some((c) => !isNil(c) && !isError(c));
        const pushed = commands.find((c) => (c.name === 'LPUSH' || c.name === 'RPUSH') && c.args[0] === RELEASED && !isError(c));
        const written = commands.some((c) => c.name === 'SET' && c.args[0] === DATA && c.text === 'OK' && (!pushed || c.index < pushed.index));
        if (received && !snapshot.keys[LOCK] && written) return passed();
        if (pushed && !written)
          return notYet(
            'The notice went out before the value was there: a waiter woken by it would read an empty cache. Write `page:data` first, then announce again.',
          );
        if (snapshot.keys[LOCK]) return notYet('The lock is still held. The holder releases it first: `DEL page:lock`.');
        if (pops(parseLog(snapshot.log)).some(isNil))
          return notYet('Your BLPOP waited and got `(nil)`: nothing had been pushed. Run `LPUSH page:released done` before the BLPOP.');
        return notYet('Announce the release with `LPUSH page:released done`, then pick it up with `BLPOP page:released 5`.');
      },
    },
    {
      title: 'Never wait forever',
      goal: 'as a waiter, block on the empty release list with a 1-second timeout.',
      body: [
        text(
          'A holder can crash before it pushes. So a waiter blocks with a timeout, and when it times out it reads the cache again or tries the lock itself.',
        ),
        text('Block on `page:released` with `BLPOP` and a timeout of 1 second. Blocking commands in this console wait at most 5 seconds.'),
      ],
      prediction: {
        question: "Step 2's BLPOP took the only announcement. What will `BLPOP page:released 1` answer?",
        choices: ['(nil)', '1) "page:released" 2) "done"', '(error) ERR timeout'],
        explain: {
          '(nil)':
            'Nobody pushed anything within the second, so the waiter stops waiting and gets `(nil)`: it goes back to the cache, or tries the lock itself. A holder that crashed cannot keep it waiting forever.',
          '1) "page:released" 2) "done"':
            'There was still an announcement in the list, so BLPOP answered at once. A leftover notice like this would wake the next round of waiters with stale news: pop it, then block on the empty list.',
          other: "BLPOP answers the list's name and the item when one arrives, and `(nil)` when the timeout passes first.",
        },
        observe: (snapshot) => {
          const all = pops(parseLog(snapshot.log));
          const afterReceived = all.findIndex((c) => !isNil(c) && !isError(c));
          return afterReceived >= 0 ? all[afterReceived + 1]?.text : undefined;
        },
      },
      passed: 'the waiter stopped waiting after its timeout instead of forever.',
      hint: 'Block on the empty release list with a short timeout.',
      solution: 'BLPOP page:released 1',
      keys: [RELEASED],
      target: [{ key: RELEASED, state: 'gone' }],
      check: (snapshot) => {
        if (pops(parseLog(snapshot.log)).some(isNil)) return passed();
        if (snapshot.keys[RELEASED]) return notYet('`page:released` still has an item, so BLPOP returns at once. Pop it first, then block on the empty list.');
        return notYet('Block on the empty list with a timeout: `BLPOP page:released 1`.');
      },
    },
  ],
};
