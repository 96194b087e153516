import { editorCommands } from '@/lib/server/commands/docsTable';
import { answer, json } from '@/lib/server/http/errors';

export function GET() {
  return answer(async () => json({ commands: await editorCommands() }, { headers: { 'cache-control': 'private, max-age=3600' } }));
}
