/**
 * The one place Monaco is loaded. `monaco-editor/editor` is the core API without the ~80 languages
 * and the TypeScript/CSS/HTML/JSON services that the package's main entry pulls in; the editor
 * features we use (suggest, hover, parameter hints, find…) come from `features/register.all`.
 * Monaco's ESM files import their own CSS, which the bundler serves with the page.
 */
import * as monaco from 'monaco-editor/editor';
import 'monaco-editor/features/register.all';

// Monaco asks for a worker per language label; a redis-cli language needs only the base editor
// worker (diffing, word ranges), bundled from ./editor.worker.ts.
self.MonacoEnvironment = {
  getWorker: () => new Worker(new URL('./editor.worker.ts', import.meta.url), { type: 'module', name: 'monaco-editor' }),
};

export { monaco };
export type Monaco = typeof monaco;
