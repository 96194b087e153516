import { health } from '@/lib/server/health';
import { json } from '@/lib/server/http/errors';

export async function GET() {
  const state = await health();
  return json(state, { status: state.redis === 'up' ? 200 : 503 });
}
