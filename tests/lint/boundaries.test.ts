import path from 'node:path';
import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';

// The project's own lint config, asked about imports that would cross a layer boundary.
const eslint = new ESLint({ cwd: path.resolve(__dirname, '../..') });

async function restrictedImports(filePath: string, source: string): Promise<string[]> {
  const [result] = await eslint.lintText(`${source}\nexport const used = x;\n`, { filePath });
  return result!.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('lint keeps the layers apart', () => {
  // Loading the config and its plugins takes seconds on a busy machine; once, before the cases.
  beforeAll(() => restrictedImports('lib/cli/tokenizer.ts', ''), 120_000);

  const cases: [file: string, source: string, says: RegExp][] = [
    ['lib/sim/engine.ts', "import { x } from '@/lib/server/redis/client';", /over HTTP only/],
    ['lib/sim/strategies/none.ts', "import { x } from '../../server/redis/client';", /over HTTP only/],
    ['lib/lessons/types.ts', "import { x } from '../server/config';", /over HTTP only/],
    ['lib/keys/types.ts', "import { x } from '../server/events/hub';", /over HTTP only/],
    ['lib/workshop/joinCode.ts', "import { x } from '@/lib/server/workshop/rooms';", /over HTTP only/],
    ['lib/workshop/joinCode.ts', "import { x } from 'next/server';", /free of Next\.js/],
    ['lib/keys/types.ts', "import x from 'next';", /free of Next\.js/],
    ['lib/api/request.ts', "import { x } from '../server/http/errors';", /over HTTP only/],
    ['components/race/api.ts', "import { x } from '../../lib/server/sim/races';", /over HTTP only/],
    ['components/race/api.ts', "import x from 'ioredis';", /only through lib\/server/],
    ['components/keys/KeyRow.tsx', "import * as x from 'monaco-editor';", /components\/editor only/],
    ['lib/server/sim/races.ts', "import { x } from 'next/server';", /free of Next\.js/],
    ['lib/server/sim/races.ts', "import { sseResponse } from '../http/sse';", /speaks no HTTP/],
    ['lib/server/console.ts', "import { HttpError } from './http/errors';", /speaks no HTTP/],
    ['lib/server/workshop/rooms.ts', "import { x } from '@/lib/server/http/session';", /speaks no HTTP/],
  ];
  for (const [file, source, says] of cases) {
    it(`refuses \`${source}\` in ${file}`, async () => {
      expect(await restrictedImports(file, source)).toEqual([expect.stringMatching(says)]);
    });
  }

  it('lets each layer import what it may', async () => {
    expect(await restrictedImports('lib/server/sim/races.ts', "import { x } from '../redis/client';")).toEqual([]);
    expect(await restrictedImports('lib/sim/engine.ts', "import { x } from './strategies/registry';")).toEqual([]);
    expect(await restrictedImports('components/editor/RedisEditor.tsx', "import * as x from 'monaco-editor';")).toEqual([]);
    expect(await restrictedImports('app/api/sim/route.ts', "import { x } from '@/lib/server/sim/races';")).toEqual([]);
    expect(await restrictedImports('lib/server/http/sse.ts', "import type { LiveStream } from '../events/liveStream';")).toEqual([]);
    expect(await restrictedImports('app/api/events/route.ts', "import { sseResponse } from '@/lib/server/http/sse';")).toEqual([]);
  });
});
