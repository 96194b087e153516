import 'server-only';
import type { RoomEvent } from '@/lib/workshop/types';
import type { Session } from '../session/namespace';
import type { EventProducer } from '../events/channel';
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

/** A member's live line to the room: pushes, class races, resets, removals and the room closing. */
export async function roomEventStream(session: Session, room: Room): Promise<EventProducer> {
  const member = await requireMember(session, room);
  return async (channel) => {
    try {
      // Events are checked in the order they came: each check is one command on the same connection.
      const stop = await listenToRoom(room.id, (heard) => {
        void deliverable(session, room, member.memberId, heard).then(
          (event) => {
            if (channel.closed) return;
            stepIn(session, room, member.role, event);
            channel.send('room', event);
            if (event.type === 'closed' || (event.type === 'removed' && event.memberId === member.memberId)) channel.close();
          },
          () => channel.close(),
        );
      });
      if (channel.closed) stop();
      else channel.onClose(stop);
      channel.send('hello', { code: room.code, memberId: member.memberId, role: member.role, ...(room.pushed && { pushed: room.pushed }) });
      const race = await openClassRace(room);
      if (race) {
        stepIn(session, room, member.role, race);
        channel.send('room', race);
      }
    } catch {
      channel.send('unavailable', { error: 'Redis is not reachable right now. The workshop will reconnect as soon as it is.' });
      channel.close();
    }
  };
}
