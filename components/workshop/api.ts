import type { DashboardView, MembershipView } from '@/lib/workshop/types';

export type Outcome<T> = { ok: true; value: T } | { ok: false; message: string };

const UNREACHABLE = 'Could not reach the Stampede Lab server. Check that it is still running, then try again.';

async function call<T>(url: string, init: RequestInit = {}): Promise<Outcome<T>> {
  try {
    const response = await fetch(url, {
      ...init,
      cache: 'no-store',
      headers: init.body ? { 'content-type': 'application/json' } : undefined,
      signal: AbortSignal.timeout(10_000),
    });
    const body = (await response.json().catch(() => undefined)) as (T & { error?: string }) | undefined;
    if (response.ok && body) return { ok: true, value: body };
    return { ok: false, message: body?.error ?? `The server could not answer (HTTP ${response.status}).` };
  } catch {
    return { ok: false, message: UNREACHABLE };
  }
}

const post = (body: unknown = {}): RequestInit => ({ method: 'POST', body: JSON.stringify(body) });
const room = (code: string) => `/api/rooms/${encodeURIComponent(code)}`;

export interface Pushed {
  lesson: string;
  step?: number;
}

export const openWorkshop = () => call<{ code: string; joinPath: string; teacherPath: string }>('/api/rooms', post());
export const myRoom = () => call<{ room: MembershipView | null }>('/api/rooms');
export const joinWorkshop = (code: string, name: string) => call<{ room: MembershipView; pushed?: Pushed }>(`${room(code)}/join`, post({ name }));
export const claimTeacher = (code: string, key: string) => call<{ room: MembershipView }>(`${room(code)}/teacher`, post({ key }));
export const fetchDashboard = (code: string) => call<DashboardView>(`${room(code)}/dashboard`);
export const pushLesson = (code: string, pushed: Pushed) => call<{ pushed: Pushed }>(`${room(code)}/push`, post(pushed));
export const resetParticipant = (code: string, memberId: string) => call<{ reset: string }>(`${room(code)}/members/${encodeURIComponent(memberId)}/reset`, post());
export const removeParticipant = (code: string, memberId: string) => call<{ removed: string }>(`${room(code)}/members/${encodeURIComponent(memberId)}`, { method: 'DELETE' });
export const lockWorkshop = (code: string, locked: boolean) => call<{ locked: boolean }>(`${room(code)}/lock`, post({ locked }));
export const closeWorkshop = (code: string) => call<{ closed: boolean }>(room(code), { method: 'DELETE' });
export const roomEventsUrl = (code: string) => `${room(code)}/events`;

/** Where a pushed lesson lives in the app. */
export const pushedPath = ({ lesson, step }: Pushed) => `/lessons/${encodeURIComponent(lesson)}${step ? `/${step}` : ''}`;

export type RaceEntry = { client: number } | { watching: true; reason?: string };
export interface ClassRaceRequest {
  strategy: string;
  simulatedClients: number;
  backendLatencyMs: number;
}

export const startClassRace = (code: string, request: ClassRaceRequest) => call<{ raceId: string; admissionMs: number }>(`${room(code)}/race`, post(request));
const entries = new Map<string, Promise<Outcome<RaceEntry>>>();

/**
 * Steps into a class race once per page load: the room bar asks the moment the race is announced
 * (that moment is the client's arrival), and the race page it opens reads the same answer.
 */
export function joinClassRace(code: string, raceId: string): Promise<Outcome<RaceEntry>> {
  let entry = entries.get(raceId);
  if (!entry) {
    entry = call<RaceEntry>(`${room(code)}/race/join`, post({ raceId }));
    entries.set(raceId, entry);
  }
  return entry;
}
export const classRacePath = (raceId: string) => `/workshop/race/${encodeURIComponent(raceId)}`;
