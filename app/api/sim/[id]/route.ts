import { json } from '@/lib/server/http/errors';
import { answerInSession } from '@/lib/server/http/session';
import { raceView } from '@/lib/server/sim/races';

/** `?events=none` leaves out the events: a cheap way to poll a 10,000-client race for its status. */
export function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  return answerInSession(request, async (session) => json(await raceView(session, (await params).id, new URL(request.url).searchParams.get('events') !== 'none')));
}
