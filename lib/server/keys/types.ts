// The shapes live in lib/keys so the browser can use them too; the server keeps this path.
export type { HubMode, KeyEvent, KeyView } from '@/lib/keys/types';
