/**
 * What a workshop looks like to the browser. Pure and isomorphic: the server builds these views,
 * the teacher's dashboard and the participants' room bar render them.
 */

/** What a participant is doing, as the dashboard shows it. */
export interface Activity {
  /** The lesson they last worked in, by slug, and the step they are on (1-based; total + 1 = finished). */
  lesson?: string;
  step?: number;
  steps?: number;
  /** Epoch ms when they reached this step. */
  stepSince?: number;
  /** Runs on this step that did not complete it. */
  attempts: number;
  lastError?: string;
  lastErrorAt?: number;
  /** Epoch ms of their last request in the room. */
  lastSeen?: number;
}

export interface ParticipantView extends Activity {
  /** A public id for this member of the room, never their session. */
  id: string;
  name: string;
  joinedAt: number;
  lessonTitle?: string;
  stuck: boolean;
}

type Isolation = 'acl' | 'shared';

export interface DashboardView {
  code: string;
  createdAt: number;
  /** Whether each participant runs as their own Redis user (EVAL on), or the server cannot manage users. */
  isolation: Isolation;
  /** No one else may join. */
  locked: boolean;
  participants: ParticipantView[];
  /** The class race running or last run, if any. */
  raceId?: string;
  /** Redis's clock (epoch ms), so "time on step" does not depend on the teacher's clock. */
  now: number;
}

/** The room as a member sees it. */
export interface MembershipView {
  code: string;
  memberId: string;
  name: string;
  role: 'teacher' | 'participant';
  isolation: Isolation;
}

/** What the room pushes to its members' browsers. */
export type RoomEvent =
  | { type: 'push'; lesson: string; step?: number }
  | { type: 'race'; raceId: string; admissionMs: number }
  | { type: 'reset'; memberId: string }
  /** The member is no longer in the room: the teacher removed them, or they joined another. */
  | { type: 'removed'; memberId: string }
  | { type: 'closed' };
