import { request, withFields, type Outcome } from '@/lib/api/request';
import type { DashboardView, MembershipView } from '@/lib/workshop/types';

export type { Outcome } from '@/lib/api/request';

/** A call to a room's API: the answer must carry `fields` (the rest of its shape is the server's promise). */
function call<T>(url: string, fields: string[], init: { method?: 'POST' | 'DELETE'; body?: unknown } = {}): Promise<Outcome<T>> {
  return request(url, { ...init, read: withFields<T>(...fields) });
}

const post = (body: unknown = {}) => ({ method: 'POST' as const, body });
const room = (code: string) => `/api/rooms/${encodeURIComponent(code)}`;

export interface Pushed {
  lesson: string;
  step?: number;
}

export const openWorkshop = () => call<{ code: string; joinPath: string; teacherPath: string }>('/api/rooms', ['code', 'joinPath', 'teacherPath'], post());
export const myRoom = () => call<{ room: MembershipView | null }>('/api/rooms', ['room']);
export const joinWorkshop = (code: string, name: string) => call<{ room: MembershipView; pushed?: Pushed }>(`${room(code)}/join`, ['room'], post({ name }));
export const claimTeacher = (code: string, key: string) => call<{ room: MembershipView }>(`${room(code)}/teacher`, ['room'], post({ key }));
export const fetchDashboard = (code: string) => call<DashboardView>(`${room(code)}/dashboard`, ['participants']);
export const pushLesson = (code: string, pushed: Pushed) => call<{ pushed: Pushed }>(`${room(code)}/push`, ['pushed'], post(pushed));
export const resetParticipant = (code: string, memberId: string) =>
  call<{ reset: string }>(`${room(code)}/members/${encodeURIComponent(memberId)}/reset`, ['reset'], post());
export const removeParticipant = (code: string, memberId: string) =>
  call<{ removed: string }>(`${room(code)}/members/${encodeURIComponent(memberId)}`, ['removed'], { method: 'DELETE' });
export const lockWorkshop = (code: string, locked: boolean) => call<{ locked: boolean }>(`${room(code)}/lock`, ['locked'], post({ locked }));
export const closeWorkshop = (code: string) => call<{ closed: boolean }>(room(code), ['closed'], { method: 'DELETE' });
export const roomEventsUrl = (code: string) => `${room(code)}/events`;

/** Where a pushed lesson lives in the app. */
export const pushedPath = ({ lesson, step }: Pushed) => `/lessons/${encodeURIComponent(lesson)}${step ? `/${step}` : ''}`;

export type RaceEntry = { client: number } | { watching: true; reason?: string };
export interface ClassRaceRequest {
  strategy: string;
  simulatedClients: number;
  backendLatencyMs: number;
}

export const startClassRace = (code: string, race: ClassRaceRequest) =>
  call<{ raceId: string; admissionMs: number }>(`${room(code)}/race`, ['raceId', 'admissionMs'], post(race));
const entries = new Map<string, Promise<Outcome<RaceEntry>>>();

/**
 * Steps into a class race once per page load: the room bar asks the moment the race is announced
 * (that moment is the client's arrival), and the race page it opens reads the same answer.
 */
export function joinClassRace(code: string, raceId: string): Promise<Outcome<RaceEntry>> {
  let entry = entries.get(raceId);
  if (!entry) {
    entry = call<RaceEntry>(`${room(code)}/race/join`, [], post({ raceId }));
    entries.set(raceId, entry);
  }
  return entry;
}
export const classRacePath = (raceId: string) => `/workshop/race/${encodeURIComponent(raceId)}`;
