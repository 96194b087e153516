// Bundled by the app and served from its own origin, so the editor never needs a CDN.
import 'monaco-editor/editor/editor.worker';
