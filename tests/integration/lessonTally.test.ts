import { describe, expect, it } from 'vitest';
import { GET as tallyRoute } from '@/app/api/rooms/[code]/predictions/route';
import { openSolution, predict } from '@/lib/server/lessons/service';
import { classTally } from '@/lib/server/lessons/tally';
import { currentMembers } from '@/lib/server/workshop/membership';
import { findRoom } from '@/lib/server/workshop/rooms';
import { joined, openRoom } from '../support/roomBrowser';

const SEED = 'stampede-lock';
const UP_TO_STEP_3 = 'SET cache:data "initial value"\nSET cache:lock "locked"\nGET cache:data';
const LOCK_ATTEMPT = 'SET cache:lock "locked" NX PX 30000';

describe("the teacher's prediction tally", () => {
  it("counts three participants' predictions, who was right, and who opened the solution", async () => {
    const { code } = await openRoom();
    const [ada, bob, cy] = await Promise.all([joined(code, 'Ada'), joined(code, 'Bob'), joined(code, 'Cy')]);
    for (const learner of [ada, bob, cy]) await learner.run(UP_TO_STEP_3, SEED);
    await predict(ada.namespace, SEED, 3, '(nil)');
    await predict(bob.namespace, SEED, 3, 'OK');
    await openSolution(bob.namespace, SEED, 3);
    for (const learner of [ada, bob, cy]) await learner.run(LOCK_ATTEMPT, SEED);

    const room = await findRoom(code);
    const tally = await classTally(await currentMembers(room), room.id);
    expect(tally.predictions).toEqual([
      expect.objectContaining({
        slug: SEED,
        step: 3,
        choices: [
          { choice: 'OK', count: 1 },
          { choice: '(nil)', count: 1 },
          { choice: '"locked"', count: 0 },
        ],
        decided: 3,
        right: 1,
        none: 1,
      }),
    ]);
    expect(tally.solutions).toEqual([{ slug: SEED, step: 3, names: ['Bob'] }]);
  });

  it("is the teacher's only", async () => {
    const { code } = await openRoom();
    const response = await tallyRoute(new Request(`http://localhost/api/rooms/${code}/predictions`), { params: Promise.resolve({ code }) });
    expect(response.status).toBe(403);
    expect((await response.json()).error).toMatch(new RegExp(`Only the teacher of workshop ${code}`));
  });
});
