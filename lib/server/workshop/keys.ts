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
});

/** Join code → room id; looked up once per request that names a room. */
export const codeKey = (code: string) => `sl:code:${code}`;

/** Which room a session belongs to, and as whom. */
export const membershipKey = (namespace: Namespace) => namespace.internalKey('room');

/** What a session is doing, for the teacher's dashboard. */
export const activityKey = (namespace: Namespace) => namespace.internalKey('activity');

/** The keys of the class race live in the room's own namespace, not in any learner's. */
export const roomNamespace = (roomId: string): Namespace => namespaceOf(`room:${roomId}`);

