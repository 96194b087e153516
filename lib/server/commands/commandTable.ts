import 'server-only';
import { appRedis } from '../redis/client';
import { CommandTable, parseCommandInfo, type CommandMeta } from './metadata';
import { loadOnce } from '../processGlobal';

/** The live server's command table, asked for once per process (and again after a failure). */
export function commandTable(): Promise<CommandTable> {
  return loadOnce('commandTable', loadCommandTable);
}

async function loadCommandTable(): Promise<CommandTable> {
  const raw = (await appRedis().call('COMMAND', 'INFO')) as unknown[];
  const commands = raw.map((entry) => parseCommandInfo(entry as Parameters<typeof parseCommandInfo>[0])).filter((c): c is CommandMeta => c !== undefined);
  return new CommandTable(commands);
}
