import { afterEach, describe, expect, it } from 'vitest';
import { POST as commandsRoute } from '@/app/api/commands/route';
import { GET as metricsRoute } from '@/app/metrics/route';
import { browserSession } from '../support/browserSession';

const TOKEN = 'a-token-of-thirty-two-characters';

const scrape = (authorization?: string) => metricsRoute(new Request('http://localhost/metrics', { headers: authorization ? { authorization } : {} }));

/** One sample's value from Prometheus text, e.g. `stampede_commands_refused_total{reason="admin"}`. */
function sample(text: string, series: string): number {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? 0 : Number(line.slice(series.length + 1));
}

async function metricsText(): Promise<string> {
  const response = await scrape(`Bearer ${TOKEN}`);
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
  return response.text();
}

describe('GET /metrics', () => {
  afterEach(() => {
    delete process.env.METRICS_TOKEN;
  });

  it('is not there without METRICS_TOKEN, and wants the token with it', async () => {
    expect((await scrape(`Bearer ${TOKEN}`)).status).toBe(404);
    process.env.METRICS_TOKEN = TOKEN;
    const without = await scrape();
    expect(without.status).toBe(401);
    expect(without.headers.get('www-authenticate')).toBe('Bearer');
    expect((await scrape(`Bearer ${TOKEN.replace('a', 'b')}`)).status).toBe(403);
    expect((await scrape(`Basic ${TOKEN}`)).status).toBe(401);
  });

  it('counts the commands a learner runs and refuses, through the real routes on the real Redis', async () => {
    process.env.METRICS_TOKEN = TOKEN;
    const before = await metricsText();
    const run = await commandsRoute(browserSession().request('/api/commands', { script: 'SET a 1\nGET a\nFLUSHALL\nSUBSCRIBE news' }));
    expect(run.status).toBe(200);
    const after = await metricsText();
    const grew = (series: string) => sample(after, series) - sample(before, series);
    expect(grew('stampede_commands_total')).toBe(2);
    expect(grew('stampede_command_duration_seconds_count')).toBe(2);
    expect(grew('stampede_commands_refused_total{reason="dangerous"}')).toBe(1);
    expect(grew('stampede_commands_refused_total{reason="pubsub"}')).toBe(1);
    expect(sample(after, 'stampede_sessions_active')).toBeGreaterThanOrEqual(1);
    expect(sample(after, 'stampede_redis_round_trip_seconds')).toBeGreaterThan(0);
    for (const series of [
      'stampede_event_streams_open',
      'stampede_races_running',
      'stampede_clients_racing',
      'stampede_rooms_open',
      'stampede_room_participants',
      'stampede_process_resident_memory_bytes',
    ]) {
      expect(after).toMatch(new RegExp(`^${series} \\d`, 'm'));
    }
  });
});
