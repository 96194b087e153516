import 'server-only';
import { findRoom, type Room } from '../workshop/rooms';
import type { Session } from '../session/namespace';
import { answerInSession } from './session';

export type RoomParams<T = object> = { params: Promise<{ code: string } & T> };

/** Answers a request about the room its URL names (a 404 a learner understands if there is none). */
export function answerInRoom<T>(
  request: Request,
  { params }: RoomParams<T>,
  work: (session: Session, room: Room, params: { code: string } & T) => Promise<Response>,
): Promise<Response> {
  return answerInSession(request, async (session) => {
    const resolved = await params;
    return work(session, await findRoom(resolved.code), resolved);
  });
}
