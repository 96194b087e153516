import { responseOf } from '@/lib/server/http/plain';
import { metricsAnswer } from '@/lib/server/http/metrics';

/** Prometheus metrics, behind METRICS_TOKEN: see lib/server/http/metrics.ts. */
export async function GET(request: Request) {
  return responseOf(await metricsAnswer(request.headers.get('authorization')));
}

export const dynamic = 'force-dynamic';
