/** A workshop nobody has looked at for a week is forgotten. */
export const ROOM_TTL_SECONDS = 7 * 24 * 3600;
export const MAX_PARTICIPANTS = 500;
export const ROOMS_PER_SESSION_PER_HOUR = 10;

/**
 * Joins per room, as a token bucket shared by every app instance: a class of 40 may click the join
 * link at the same moment (the burst), after which the room lets in three people a second, so a
 * class of 100 is in within 20 s. 500 scripted sessions then need over two and a half minutes to
 * fill a room, time enough for the teacher to see them arrive and lock it; a real student who meets
 * the limit is told how long to wait.
 */
export const ROOM_JOIN_BURST = 40;
export const ROOM_JOINS_PER_SECOND = 3;

/** Joins (and renames) per session in a fixed window: one browser has no reason to hop rooms faster. */
export const SESSION_JOINS_PER_WINDOW = 10;
export const SESSION_JOIN_WINDOW_SECONDS = 60;
