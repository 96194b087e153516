import { json } from '@/lib/server/http/errors';
import { answerInSession } from '@/lib/server/http/session';
import { findRun, viewOf } from '@/lib/server/sim/runs';

/** `?events=none` leaves out the events: a cheap way to poll a 10,000-client race for its status. */
export function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  return answerInSession(request, async (session) => {
    const run = findRun(session, (await params).id);
    return json(viewOf(run, new URL(request.url).searchParams.get('events') !== 'none'));
  });
}
