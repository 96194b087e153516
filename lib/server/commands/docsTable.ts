import 'server-only';
import { appRedis } from '../redis/client';
import { commandTable } from './commandTable';
import { parseCommandDocs, type CommandDoc } from './docs';
import { isOpen } from './policy';

export interface EditorCommand extends CommandDoc {
  allowed: boolean;
}

const globalForDocs = globalThis as unknown as { stampedeDocs?: Promise<EditorCommand[]> };

/** Command help for the editor, built once per process from the live server. */
export function editorCommands(): Promise<EditorCommand[]> {
  globalForDocs.stampedeDocs ??= load().catch((error: unknown) => {
    globalForDocs.stampedeDocs = undefined;
    throw error;
  });
  return globalForDocs.stampedeDocs;
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
