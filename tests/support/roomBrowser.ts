import { POST as commandsRoute } from '@/app/api/commands/route';
import { DELETE as closeRoute, GET as roomRoute } from '@/app/api/rooms/[code]/route';
import { GET as dashboardRoute } from '@/app/api/rooms/[code]/dashboard/route';
import { GET as roomEventsRoute } from '@/app/api/rooms/[code]/events/route';
import { POST as joinRoute } from '@/app/api/rooms/[code]/join/route';
import { POST as lockRoute } from '@/app/api/rooms/[code]/lock/route';
import { DELETE as removeRoute } from '@/app/api/rooms/[code]/members/[member]/route';
import { POST as resetRoute } from '@/app/api/rooms/[code]/members/[member]/reset/route';
import { POST as pushRoute } from '@/app/api/rooms/[code]/push/route';
import { POST as roomLessonsRoute } from '@/app/api/rooms/[code]/lessons/route';
import { POST as joinRaceRoute } from '@/app/api/rooms/[code]/race/join/route';
import { POST as classRaceRoute } from '@/app/api/rooms/[code]/race/route';
import { GET as simRoute } from '@/app/api/sim/[id]/route';
import { POST as teacherRoute } from '@/app/api/rooms/[code]/teacher/route';
import { GET as mineRoute, POST as createRoute } from '@/app/api/rooms/route';
import type { DashboardView } from '@/lib/workshop/types';
import { browserSession, routeParams as ctx } from './browserSession';
import { sseReader } from './sseReader';

/** One browser with its own session cookie, calling the workshop's route handlers as fetch would. */
export function roomBrowser() {
  const { cookie, session, request } = browserSession();
  return {
    cookie,
    namespace: session.namespace,
    create: () => createRoute(request('/api/rooms', {})),
    mine: () => mineRoute(request('/api/rooms')),
    check: (code: string) => roomRoute(request(`/api/rooms/${code}`), ctx({ code })),
    join: (code: string, name: string) => joinRoute(request(`/api/rooms/${code}/join`, { name }), ctx({ code })),
    claim: (code: string, key: string) => teacherRoute(request(`/api/rooms/${code}/teacher`, { key }), ctx({ code })),
    dashboard: (code: string) => dashboardRoute(request(`/api/rooms/${code}/dashboard`), ctx({ code })),
    pasteLesson: (code: string, markdown: string) => roomLessonsRoute(request(`/api/rooms/${code}/lessons`, { markdown }), ctx({ code })),
    push: (code: string, body: unknown) => pushRoute(request(`/api/rooms/${code}/push`, body), ctx({ code })),
    reset: (code: string, member: string) => resetRoute(request(`/api/rooms/${code}/members/${member}/reset`, {}), ctx({ code, member })),
    lock: (code: string, body: unknown) => lockRoute(request(`/api/rooms/${code}/lock`, body), ctx({ code })),
    remove: (code: string, member: string) =>
      removeRoute(request(`/api/rooms/${code}/members/${member}`, undefined, { method: 'DELETE' }), ctx({ code, member })),
    close: (code: string) => closeRoute(request(`/api/rooms/${code}`, undefined, { method: 'DELETE' }), ctx({ code })),
    startRace: (code: string, body: unknown) => classRaceRoute(request(`/api/rooms/${code}/race`, body), ctx({ code })),
    joinRace: (code: string, raceId: string) => joinRaceRoute(request(`/api/rooms/${code}/race/join`, { raceId }), ctx({ code })),
    race: (id: string) => simRoute(request(`/api/sim/${id}?events=none`), ctx({ id })),
    run: (script: string, lesson?: string) => commandsRoute(request('/api/commands', { script, lesson })),
    async events(code: string) {
      const tab = new AbortController();
      const response = await roomEventsRoute(request(`/api/rooms/${code}/events`, undefined, { signal: tab.signal }), ctx({ code }));
      return { response, ...sseReader(response), close: () => tab.abort() };
    },
  };
}

export type RoomBrowser = ReturnType<typeof roomBrowser>;

/** A teacher's browser that has just opened a room, with the room's code and teacher key. */
export async function openRoom() {
  const teacher = roomBrowser();
  const response = await teacher.create();
  if (response.status !== 201) throw new Error(`Opening a room answered ${response.status}`);
  const created = (await response.json()) as { code: string; joinPath: string; teacherPath: string };
  return { teacher, ...created, key: created.teacherPath.split('#key=')[1]! };
}

/** A participant's browser that has joined the room (or `browser`, joining another). */
export async function joined(code: string, name: string, browser: RoomBrowser = roomBrowser()) {
  const response = await browser.join(code, name);
  if (response.status !== 200) throw new Error(`Joining ${code} answered ${response.status}: ${await response.text()}`);
  const { room } = (await response.json()) as { room: { memberId: string } };
  return { ...browser, memberId: room.memberId };
}

export const dashboardOf = async (browser: RoomBrowser, code: string) => (await (await browser.dashboard(code)).json()) as DashboardView;
