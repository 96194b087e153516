import { responseOf } from '@/lib/server/http/plain';
import { metricsAnswer } from '@/lib/server/metrics/endpoint';

/** Prometheus metrics, behind METRICS_TOKEN: see lib/server/metrics/endpoint.ts. */
export async function GET(request: Request) {
  return responseOf(await metricsAnswer(request.headers.get('authorization')));
}

export const dynamic = 'force-dynamic';
