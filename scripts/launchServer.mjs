// Starts scripts/server.ts. tsx compiles the server's own TypeScript while it loads and then steps
// aside, so that Next's thousands of modules load without a transform hook in the way: the server
// is up in about half the time it takes under `node --import tsx`.
import { createRequire } from 'node:module';
import { register } from 'tsx/cjs/api';

const unregister = register();
const { startServer } = createRequire(import.meta.url)('./server.ts');
unregister();
startServer();
