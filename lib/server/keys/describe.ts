import 'server-only';
import type { RedisClient } from '../redis/topology';
import { reprBytes } from '@/lib/cli/escape';
import { LuaScript } from '../redis/lua';
import type { KeyView } from '@/lib/keys/types';

const STRING_PREVIEW_BYTES = 120;
const MEMBERS_SHOWN = 5;

/**
 * One round trip describes many keys of one namespace: type, absolute expiry and a short preview.
 * All the keys share the namespace's hash slot, so this also works on a cluster.
 */
const DESCRIBE = new LuaScript(`
local out = {}
for i, k in ipairs(KEYS) do
  local t = redis.call('TYPE', k)['ok']
  local exp = redis.call('PEXPIRETIME', k)
  local len, items = 0, {}
  if t == 'string' then
    len = redis.call('STRLEN', k)
    items = { redis.call('GETRANGE', k, 0, ${STRING_PREVIEW_BYTES - 1}) }
  elseif t == 'list' then
    len = redis.call('LLEN', k)
    items = redis.call('LRANGE', k, 0, ${MEMBERS_SHOWN - 1})
  elseif t == 'set' then
    len = redis.call('SCARD', k)
    items = redis.call('SSCAN', k, 0, 'COUNT', ${MEMBERS_SHOWN})[2]
  elseif t == 'zset' then
    len = redis.call('ZCARD', k)
    items = redis.call('ZRANGE', k, 0, ${MEMBERS_SHOWN - 1})
  elseif t == 'hash' then
    len = redis.call('HLEN', k)
    items = redis.call('HSCAN', k, 0, 'COUNT', ${MEMBERS_SHOWN})[2]
  elseif t == 'stream' then
    len = redis.call('XLEN', k)
    local last = redis.call('XREVRANGE', k, '+', '-', 'COUNT', 1)[1]
    if last then items = { last[1] } end
  end
  out[i] = { t, exp, len, items }
end
return out`);

type RawRow = [Buffer, number, number, Buffer[]];

function preview(type: string, length: number, items: Buffer[]): string {
  const shown = items.slice(0, type === 'hash' ? MEMBERS_SHOWN * 2 : MEMBERS_SHOWN).map((b) => reprBytes(b));
  if (type === 'string') return shown[0] + (length > STRING_PREVIEW_BYTES ? '…' : '');
  if (type === 'stream') return length ? `${length} entries, last ${shown[0]}` : '0 entries';
  const members = type === 'hash' ? shown.reduce<string[]>((acc, s, i) => (i % 2 ? [...acc.slice(0, -1), `${acc.at(-1)}: ${s}`] : [...acc, s]), []) : shown;
  const more = length > members.length ? ', …' : '';
  return `${length} ${length === 1 ? 'member' : 'members'}: ${members.join(', ')}${more}`;
}

/** Describes keys (full names with prefix); missing keys come back as null. */
export async function describeKeys(redis: RedisClient, prefix: string, fullNames: Buffer[]): Promise<(KeyView | null)[]> {
  if (fullNames.length === 0) return [];
  const rows = (await DESCRIBE.run(redis, fullNames)) as RawRow[];
  return rows.map(([type, expireAt, length, items], i) => {
    const kind = type.toString();
    if (kind === 'none') return null;
    return {
      key: fullNames[i]!.subarray(Buffer.byteLength(prefix)).toString('utf8'),
      type: kind,
      expiresAt: Number(expireAt) > 0 ? Number(expireAt) : null,
      preview: preview(kind, Number(length), items),
      length: Number(length),
    };
  });
}
