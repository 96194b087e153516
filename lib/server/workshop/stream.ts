import 'server-only';
import type { Session } from '../http/session';
import { sseResponse } from '../http/sse';
import { openClassRace } from './classRace';
import { listenToRoom } from './feed';
import { requireMember, type Room } from './rooms';

/** A member's live line to the room: pushes, class races, resets and the room closing. */
export async function roomEventStream(session: Session, room: Room, signal: AbortSignal): Promise<Response> {
  const member = await requireMember(session, room);
  return sseResponse(signal, async (channel) => {
    try {
      const stop = await listenToRoom(room.id, (event) => {
        channel.send('room', event);
        if (event.type === 'closed') channel.close();
      });
      if (channel.closed) stop();
      else channel.onClose(stop);
      channel.send('hello', { code: room.code, memberId: member.memberId, role: member.role, ...(room.pushed && { pushed: room.pushed }) });
      const race = await openClassRace(room);
      if (race) channel.send('room', race);
    } catch {
      channel.send('unavailable', { error: 'Redis is not reachable right now. The workshop will reconnect as soon as it is.' });
      channel.close();
    }
  });
}
