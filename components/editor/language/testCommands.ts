import { buildCommandIndex, type CommandMeta } from './commandIndex';

/** A small slice of what `/api/meta/commands` returns, shared by the language tests. */
const TEST_COMMANDS: CommandMeta[] = [
  {
    name: 'SET',
    summary: 'Sets the string value of a key, ignoring its type.',
    syntax: 'SET key value [NX | XX] [GET] [EX seconds | PX milliseconds | EXAT unix-time-seconds | PXAT unix-time-milliseconds | KEEPTTL]',
    group: 'string',
    allowed: true,
    tokens: ['NX', 'XX', 'GET', 'EX', 'PX', 'EXAT', 'PXAT', 'KEEPTTL'],
  },
  { name: 'GET', summary: 'Returns the string value of a key.', syntax: 'GET key', group: 'string', allowed: true, tokens: [] },
  { name: 'GETDEL', summary: 'Returns the value and deletes the key.', syntax: 'GETDEL key', group: 'string', allowed: true, tokens: [] },
  { name: 'DEL', summary: 'Deletes one or more keys.', syntax: 'DEL key [key ...]', group: 'generic', allowed: true, tokens: [] },
  {
    name: 'ZADD',
    summary: 'Adds members to a sorted set.',
    syntax: 'ZADD key [NX | XX] [GT | LT] [CH] [INCR] score member [score member ...]',
    group: 'sorted-set',
    allowed: true,
    tokens: ['NX', 'XX', 'GT', 'LT', 'CH', 'INCR'],
  },
  {
    name: 'OBJECT ENCODING',
    summary: 'Returns the internal encoding of a Redis object.',
    syntax: 'OBJECT ENCODING key',
    group: 'generic',
    allowed: true,
    tokens: [],
  },
  { name: 'OBJECT FREQ', summary: 'Returns the logarithmic access frequency counter.', syntax: 'OBJECT FREQ key', group: 'generic', allowed: true, tokens: [] },
  {
    name: 'CONFIG SET',
    summary: 'Sets configuration parameters in-flight.',
    syntax: 'CONFIG SET parameter value [parameter value ...]',
    group: 'server',
    allowed: false,
    tokens: [],
  },
  {
    name: 'FLUSHALL',
    summary: 'Removes all keys from all databases.',
    syntax: 'FLUSHALL [ASYNC | SYNC]',
    group: 'server',
    allowed: false,
    tokens: ['ASYNC', 'SYNC'],
  },
  { name: 'JSON.GET', summary: 'Gets a JSON value.', syntax: 'JSON.GET key [path ...]', group: 'json', allowed: true, tokens: [] },
];

export const TEST_INDEX = buildCommandIndex(TEST_COMMANDS);
