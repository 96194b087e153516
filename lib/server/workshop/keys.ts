import 'server-only';
import { namespaceOf, type Namespace } from '../session/namespace';

/**
 * Where a workshop lives in Redis. A room's own data shares one hash tag, so it sits in one cluster
 * slot; a member's pointer to their room sits in the member's own namespace, beside their progress.
 */
export const roomKeys = (roomId: string) => ({
  meta: `sl:{room-${roomId}}#meta`,
  members: `sl:{room-${roomId}}#members`,
  teachers: `sl:{room-${roomId}}#teachers`,
  feed: `sl:{room-${roomId}}#feed`,
  /** Namespace ids the teacher removed: they may not join this room again. */
  removed: `sl:{room-${roomId}}#removed`,
  /** The room's join allowance (a token bucket), shared by every app instance. */
  joins: `sl:{room-${roomId}}#joins`,
  /** Lessons the teacher pasted: slug → Markdown source, for the room's participants only. */
  lessons: `sl:{room-${roomId}}#lessons`,
});

/** Join code → room id; looked up once per request that names a room. */
export const codeKey = (code: string) => `sl:code:${code}`;

/** Which room a session belongs to, and as whom. */
export const membershipKey = (namespace: Namespace) => namespace.internalKey('room');

/** How many rooms a session joined lately (a fixed window). */
export const sessionJoinsKey = (namespace: Namespace) => namespace.internalKey('joins');

/** What a session is doing, for the teacher's dashboard. */
export const activityKey = (namespace: Namespace) => namespace.internalKey('activity');

/** The keys of the class race live in the room's own namespace, not in any learner's. */
export const roomNamespace = (roomId: string): Namespace => namespaceOf(`room:${roomId}`);

