import 'server-only';
import { appRedis } from '../redis/client';
import { commandTable } from './commandTable';
import { parseCommandDocs, type CommandDoc } from './docs';
import { isOpen } from './policy';
import { loadOnce } from '../processGlobal';

export interface EditorCommand extends CommandDoc {
  allowed: boolean;
}

/** Command help for the editor, built once per process from the live server (and again after a failure). */
export function editorCommands(): Promise<EditorCommand[]> {
  return loadOnce('editorCommands', load);
}

async function load(): Promise<EditorCommand[]> {
  const [table, raw] = await Promise.all([commandTable(), appRedis().call('COMMAND', 'DOCS')]);
  return parseCommandDocs(raw as Parameters<typeof parseCommandDocs>[0]).map((doc) => {
    const meta = table.get(doc.name.toLowerCase().replace(' ', '|'));
    const parent = table.get(doc.name.split(' ')[0]!.toLowerCase());
    const sub = meta ?? parent?.subcommands.get(doc.name.toLowerCase().replace(' ', '|'));
    return { ...doc, allowed: sub ? isOpen(sub) : false };
  });
}
