import type { StrategyId } from '../settings';
import type { CustomScripts } from './customScripts';

/**
 * The built-in strategies that fit the read/write shape, written as a learner would write them:
 * a starting point to change. Each one makes the same regenerations as its built-in for the same
 * seed (customTemplates.test.ts races both). The value the write script gets is the JSON the
 * built-ins cache too, {"v": …, "soft": logical expiry in epoch ms, "delta": compute ms}.
 */
export type TemplateId = Extract<StrategyId, 'none' | 'lock-poll' | 'lock-safe' | 'swr' | 'xfetch'>;

export const TEMPLATE_IDS: readonly TemplateId[] = ['none', 'lock-poll', 'lock-safe', 'swr', 'xfetch'];

const SET_VALUE = `-- KEYS[1] cache, KEYS[2] lock; ARGV[1] token, ARGV[2] new value, ARGV[3] cache TTL (ms)
redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3])`;

const RELEASE_IF_OURS = `-- Compare-and-delete: only the holder of this token may release the lock.
if redis.call('GET', KEYS[2]) == ARGV[1] then
  redis.call('DEL', KEYS[2])
end
return 1`;

const LOCK_OR_WAIT = (token: string) => `local token = ${token}
if redis.call('SET', KEYS[2], token, 'NX', 'PX', ARGV[2]) then
  return {'compute', token}
end
-- Someone else regenerates: wait about 50 ms (jittered by ARGV[4]) and read again.
return {'wait', math.floor(50 * (0.75 + tonumber(ARGV[4]) / 2))}`;

const NOW_MS = `local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)`;

const HEADER = `-- KEYS[1] cache, KEYS[2] lock; ARGV[1] client id, ARGV[2] lock TTL (ms),
-- ARGV[3] cache TTL (ms), ARGV[4] random in [0, 1), ARGV[5] last backend latency (ms)`;

export const CUSTOM_TEMPLATES: Record<TemplateId, CustomScripts> = {
  none: {
    read: `${HEADER}
-- No protection: every client that misses computes.
local value = redis.call('GET', KEYS[1])
if value then
  return {'hit', value}
end
return {'compute', ARGV[1]}`,
    write: `${SET_VALUE}
return 1`,
  },
  'lock-poll': {
    read: `${HEADER}
local value = redis.call('GET', KEYS[1])
if value then
  return {'hit', value}
end
-- SET NX PX: only one client gets the lock.
${LOCK_OR_WAIT("'client-' .. ARGV[1]")}`,
    write: `${SET_VALUE}
-- A plain DEL: if our lock expired and another client took it, this deletes theirs.
redis.call('DEL', KEYS[2])
return 1`,
  },
  'lock-safe': {
    read: `${HEADER}
local value = redis.call('GET', KEYS[1])
if value then
  return {'hit', value}
end
-- The lock holds a token only this client knows.
${LOCK_OR_WAIT("ARGV[1] .. '-' .. ARGV[4]")}`,
    write: `${SET_VALUE}
${RELEASE_IF_OURS}`,
  },
  swr: {
    read: `${HEADER}
${NOW_MS}
local raw = redis.call('GET', KEYS[1])
if raw then
  -- The value carries its logical expiry; it lives on in Redis 3x longer.
  if cjson.decode(raw).soft > now then
    return {'hit', raw}
  end
  -- Stale: serve it now; the one client that gets the lock refreshes in the background.
  local token = ARGV[1] .. '-' .. ARGV[4]
  if redis.call('SET', KEYS[2], token, 'NX', 'PX', ARGV[2]) then
    return {'stale', raw, token}
  end
  return {'stale', raw}
end
-- A cold cache: nothing to serve, so lock as lock-safe does.
${LOCK_OR_WAIT("ARGV[1] .. '-' .. ARGV[4]")}`,
    write: `-- KEYS[1] cache, KEYS[2] lock; ARGV[1] token, ARGV[2] new value, ARGV[3] cache TTL (ms)
-- The value outlives its logical TTL 3x, so there is something stale to serve.
redis.call('SET', KEYS[1], ARGV[2], 'PX', tonumber(ARGV[3]) * 3)
${RELEASE_IF_OURS}`,
  },
  xfetch: {
    read: `${HEADER}
local raw = redis.call('GET', KEYS[1])
if raw then
  ${NOW_MS.replace('\n', '\n  ')}
  local cached = cjson.decode(raw)
  -- XFetch: recompute early when now - delta * beta * ln(rand) >= expiry (beta = 1).
  local beta = 1
  local gap = -cached.delta * beta * math.log(1 - tonumber(ARGV[4]))
  if now + gap < cached.soft then
    return {'hit', raw}
  end
end
return {'compute', ARGV[1]}`,
    write: `${SET_VALUE}
return 1`,
  },
};

/** What a new custom strategy starts from. */
export const DEFAULT_CUSTOM: CustomScripts = CUSTOM_TEMPLATES['lock-safe'];
