/**
 * Every name the app gives a key or channel in Redis, in one place. All begin `sl:`. A session's
 * names carry its hash tag, `{<ns>}`, so they share one cluster slot: its learner keys after `:`
 * (the only ones its Redis user may touch), the app's own after `#`. A room's names share the tag
 * `{room-<id>}`. The README's "Keys in Redis" table lists KEY_FORMATS; a test holds the two together.
 */

/** What a learner types as `cache:data` is `sl:{<ns>}:cache:data` in Redis. */
export const learnerPrefix = (ns: string) => `sl:{${ns}}:`;

/** The app's own keys for a session (or a room's class races), in the session's slot, out of the learner's reach. */
export function sessionKeys(ns: string) {
  const own = (name: string) => `sl:{${ns}}#${name}`;
  return {
    /** Patterns that match everything of the session, for its removal. */
    all: [`sl:{${ns}}:*`, `sl:{${ns}}#*`],
    progress: own('progress'),
    log: own('log'),
    usage: own('usage'),
    names: own('names'),
    room: own('room'),
    joins: own('joins'),
    activity: own('activity'),
    roomsCreated: own('rooms-created'),
    rate: (window: number | string) => own(`rate:${window}`),
    viewing: (raceId: string) => own(`viewing:${raceId}`),
    races: own('races'),
    raceRunning: own('race:running'),
    raceBudget: own('race:budget'),
    race: (id: string) => ({
      meta: own(`race:${id}`),
      events: own(`race:${id}:events`),
      labels: own(`race:${id}:labels`),
      keyEvents: own(`race:${id}:keyEvents`),
      /** Namespace id → lane, for the sessions a class race let in. */
      admitted: own(`race:${id}:admitted`),
      /** Channels: faults sent to the instance running the race, admissions and their answers. */
      faults: own(`race:${id}:faults`),
      admit: own(`race:${id}:admit`),
      answers: own(`race:${id}:answers`),
    }),
  };
}

export type SessionKeys = ReturnType<typeof sessionKeys>;

/** A room's own data, in one slot. */
export function roomKeys(roomId: string) {
  const own = (name: string) => `sl:{room-${roomId}}#${name}`;
  return {
    meta: own('meta'),
    members: own('members'),
    teachers: own('teachers'),
    /** A channel: the room's announcements. */
    feed: own('feed'),
    /** Namespace ids the teacher removed: they may not join this room again. */
    removed: own('removed'),
    /** The room's join allowance (a token bucket), shared by every app instance. */
    joins: own('joins'),
    /** Lessons the teacher pasted: slug → Markdown source, for the room's participants only. */
    lessons: own('lessons'),
  };
}

/** Join code → room id. */
export const codeKey = (code: string) => `sl:code:${code}`;

/** Sorted set of every session's namespace id, scored by when it was last active (epoch ms). */
export const SESSIONS_KEY = 'sl:sessions';

const session = sessionKeys('<ns>');
const room = roomKeys('<room>');

/** The formats above, as the README's table lists them. */
export const KEY_FORMATS: readonly string[] = [
  `${learnerPrefix('<ns>')}<key>`,
  session.progress,
  session.log,
  session.usage,
  session.names,
  session.room,
  session.joins,
  session.activity,
  session.roomsCreated,
  session.rate('<window>'),
  session.viewing('<race>'),
  session.races,
  session.raceRunning,
  session.raceBudget,
  ...Object.values(session.race('<race>')),
  ...Object.values(room),
  codeKey('<code>'),
  SESSIONS_KEY,
];
