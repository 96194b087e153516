import { answerInSession } from '@/lib/server/http/session';
import { raceJson } from '@/lib/server/sim/raceReads';

const JSON_HEADERS = { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store, no-transform' };

/** `?events=none` leaves out the events: a cheap way to poll a 10,000-client race for its status. The body comes as JSON already written (once the race is over, kept). */
export function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  return answerInSession(request, async (session) => {
    const body = await raceJson(session, (await params).id, new URL(request.url).searchParams.get('events') !== 'none');
    return new Response(body, { headers: JSON_HEADERS });
  });
}
