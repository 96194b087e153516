import 'server-only';
import { namespaceOf, type Namespace } from '../session/namespace';

// Where a workshop lives in Redis (names in lib/server/redisKeys.ts): a room's own data shares one
// hash tag, so it sits in one cluster slot; a member's pointer to their room sits in the member's own
// namespace, beside their progress.
export { codeKey, roomKeys } from '../redisKeys';

/** Which room a session belongs to, and as whom. */
export const membershipKey = (namespace: Namespace) => namespace.keys.room;

/** How many rooms a session joined lately (a fixed window). */
export const sessionJoinsKey = (namespace: Namespace) => namespace.keys.joins;

/** What a session is doing, for the teacher's dashboard. */
export const activityKey = (namespace: Namespace) => namespace.keys.activity;

/** The keys of the class race live in the room's own namespace, not in any learner's. */
export const roomNamespace = (roomId: string): Namespace => namespaceOf(`room:${roomId}`);
