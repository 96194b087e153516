import 'server-only';
import type { RoomEvent } from '@/lib/workshop/types';
import type { Session } from '../session/namespace';
import type { LiveStream } from '../events/liveStream';
import { PushQueue } from '../events/pushQueue';
import { logFailure } from '../log/logger';
import { joinClassRace, openClassRace } from './classRace';
import { listenToRoom } from './feed';
import { pointsAt, readPointer, requireMember } from './membership';
import type { Room } from './rooms';

/**
 * What this member's browser should hear of a room event. A browser whose session has left the
 * room (removed by the teacher, or joined another room in another tab) hears that once instead,
 * and nothing more of this room; a room that closes has already released its members.
 */
async function deliverable(session: Session, room: Room, memberId: string, event: RoomEvent): Promise<RoomEvent> {
  const pointer = await readPointer(session.namespace);
  if (pointsAt(pointer, room, memberId) || (!pointer && event.type === 'closed')) return event;
  return { type: 'removed', memberId };
}

/**
 * A participant steps into a class race the moment the announcement reaches their open stream, here
 * on the server: a browser still busy loading the editor (Monaco takes seconds to parse on a slow
 * laptop) would hear it, and ask, only after the admission window. The browser's own request to step
 * in, which follows, answers the same lane.
 */
function stepIn(session: Session, room: Room, role: string, event: RoomEvent): void {
  if (event.type !== 'race' || role !== 'participant') return;
  joinClassRace(room, session, event.raceId).catch(logFailure('stepping a participant into the class race', { room: room.code, race: event.raceId }));
}

/**
 * Room events a browser may fall behind by. Past that its stream ends, and the browser reconnects
 * (after the 1 s the stream asks for) to a fresh `hello` and the open class race.
 */
const BACKLOG_EVENTS = 1_000;

/** A member's live line to the room: pushes, class races, resets, removals and the room closing. */
export async function roomEventStream(session: Session, room: Room): Promise<LiveStream> {
  const member = await requireMember(session, room);
  return async function* (signal) {
    const heard = new PushQueue<RoomEvent>(BACKLOG_EVENTS, signal);
    let stop: (() => void) | undefined;
    try {
      // Events are checked in the order they came (each check is one command on the same
      // connection), and as they come, so a participant steps into a race however slowly the
      // browser reads.
      stop = await listenToRoom(room.id, (announced) => {
        void deliverable(session, room, member.memberId, announced).then(
          (event) => {
            if (heard.closed) return;
            stepIn(session, room, member.role, event);
            heard.push(event);
            if (event.type === 'closed' || (event.type === 'removed' && event.memberId === member.memberId)) heard.end();
          },
          () => heard.end(),
        );
      });
      yield { event: 'hello', data: { code: room.code, memberId: member.memberId, role: member.role, ...(room.pushed && { pushed: room.pushed }) } };
      const race = await openClassRace(room);
      if (race) {
        stepIn(session, room, member.role, race);
        yield { event: 'room', data: race };
      }
      for (;;) {
        const events = await heard.take();
        // The end, or OVERFLOW: a browser that fell too far behind reconnects to a fresh start.
        if (!Array.isArray(events)) return;
        for (const event of events) yield { event: 'room', data: event };
      }
    } catch {
      yield { event: 'unavailable', data: { error: 'Redis is not reachable right now. The workshop will reconnect as soon as it is.' } };
    } finally {
      stop?.();
    }
  };
}
