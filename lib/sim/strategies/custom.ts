import type { ClientContext, RunContext, Served, Strategy } from '../strategy';
import type { SimRedis } from '../types';
import { parseReadAnswer, ScriptFailure, type ScriptName } from './customScripts';

/**
 * What every client of one race shares, whatever key or app process it is in: the first failure
 * (which ends the race, so the rest stop asking Redis) and the backend's last latency (ARGV[5]).
 * Kept by the race's settings object, which the engine hands to the strategy's start and to every client.
 */
interface RaceState {
  reason?: string;
  lastLatencyMs?: number;
}

const states = new WeakMap<object, RaceState>();

function stateOf(ctx: ClientContext): RaceState {
  const state = states.get(ctx.settings);
  if (!state) throw new Error('the custom strategy was not started for this race');
  return state;
}

function fail(ctx: ClientContext, reason: string): never {
  const abort = stateOf(ctx);
  abort.reason ??= `client #${ctx.id}: ${reason.replace(/\.$/, '')}`;
  throw new ScriptFailure(reason);
}

async function runScript(ctx: ClientContext, name: ScriptName, args: (string | number)[]): Promise<unknown> {
  const abort = stateOf(ctx);
  if (abort.reason) throw new ScriptFailure(`the race had already stopped (${abort.reason})`);
  const redis = ctx.redis as Required<Pick<SimRedis, 'evalLearner'>>;
  try {
    return await redis.evalLearner(name, [ctx.keys.data, ctx.keys.lock], args);
  } catch (error) {
    if (error instanceof ScriptFailure) fail(ctx, error.message);
    throw error;
  }
}

/** Calls the backend and hands the value to the write script with the token the read script chose. */
async function computeAndWrite(ctx: ClientContext, token: string): Promise<void> {
  const began = ctx.clock.now();
  const encoded = await ctx.compute();
  stateOf(ctx).lastLatencyMs = Math.round(ctx.clock.now() - began);
  await runScript(ctx, 'write', [token, encoded, ctx.settings.cacheTtlMs]);
  ctx.emit('set', 'by the write script');
}

/**
 * The learner's own strategy: their read script decides, for each client, whether it is served,
 * waits, or regenerates; their write script stores what the backend answered. Both run in Redis as
 * the learner's own Redis user (the server's part, lib/server/sim/learnerScripts.ts).
 */
export const custom: Strategy = {
  id: 'custom',
  label: 'Your own (Lua)',
  summary: 'Your read script decides for each client: hit, stale, compute or wait; your write script stores the new value.',
  initialCache: 'missing',
  knobs: ['lockTtlMs'],
  async start(run: RunContext) {
    if (!run.redis.evalLearner) throw new Error('this Redis cannot run your scripts as your own Redis user, so custom races are off');
    const abort: RaceState = {};
    states.set(run.settings, abort);
    return async () => {
      // The race ends with the reason: the run fails, and its summary says how far it got.
      if (abort.reason) throw new ScriptFailure(abort.reason);
    };
  },
  async serve(ctx): Promise<Served> {
    const { settings } = ctx;
    for (let waits = 0; ; waits += 1) {
      try {
        ctx.checkDeadline();
      } catch {
        fail(
          ctx,
          `waited past the client timeout (${settings.clientTimeoutMs.toLocaleString('en')} ms): the read script answered {'wait', ms} ${waits} times and never 'hit', 'stale' or 'compute'.`,
        );
      }
      const lastLatency = stateOf(ctx).lastLatencyMs ?? settings.backendLatencyMs;
      const reply = await runScript(ctx, 'read', [ctx.id, settings.lockTtlMs, settings.cacheTtlMs, ctx.random(), lastLatency]);
      const answer = parseReadAnswer(reply);
      if ('problem' in answer) fail(ctx, answer.problem);
      switch (answer.kind) {
        case 'hit':
          ctx.emit('hit');
          return 'fresh';
        case 'stale':
          ctx.emit('stale');
          if (answer.token !== undefined) {
            ctx.emit('lock-won', 'refreshes in the background');
            ctx.background(computeAndWrite(ctx, answer.token));
          }
          return 'stale';
        case 'compute':
          ctx.emit('miss', 'compute');
          await computeAndWrite(ctx, answer.token);
          return 'fresh';
        case 'wait':
          ctx.emit('wait', `${Math.round(answer.ms)} ms`);
          await ctx.clock.sleep(answer.ms);
      }
    }
  },
};
