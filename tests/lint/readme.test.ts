import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(__dirname, '../..');
const readme = readFileSync(path.join(root, 'README.md'), 'utf8');
const scripts = Object.keys((JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts);

/** The layout tree in the README's Architecture section: the code block that starts with `app/`. */
function treeFolders(): string[] {
  const tree = readme.split('\n```\napp/')[1]!.split('\n```')[0]!;
  const folders: string[] = [];
  let parent = '';
  for (const line of `app/${tree}`.split('\n')) {
    const top = /^([a-z0-9][\w./-]*\/)\s/.exec(line);
    const nested = /^ {2}([a-z][\w-]*\/)\s/.exec(line);
    if (top) folders.push((parent = top[1]!));
    else if (nested) folders.push(parent + nested[1]);
  }
  return folders;
}

describe('the README is the truth', () => {
  it('lists every npm script, and none that is gone', () => {
    const table = readme.split('The npm scripts (`package.json`), all of them:')[1]!.split('\n\n')[1]!;
    const firstCells = table.split('\n').map((row) => row.split('|')[1] ?? '');
    const named = firstCells.flatMap((cell) => [...cell.matchAll(/`(?:npm (?:run )?)?([\w:]+)`/g)].map((m) => m[1]!));
    expect([...new Set(named)].sort()).toEqual([...scripts].sort());
  });

  it('names only folders that exist in its layout tree, and every folder of lib/, components/, tests/ and e2e/, and of those below them', () => {
    const folders = treeFolders();
    for (const folder of folders) expect(existsSync(path.join(root, folder)), folder).toBe(true);
    const parents = ['lib/', 'lib/server/', 'lib/lessons/', 'lib/sim/', 'components/', 'components/editor/', 'tests/', 'tests/adversarial/', 'e2e/', 'bench/'];
    for (const parent of parents) {
      const present = readdirSync(path.join(root, parent))
        .filter((name) => statSync(path.join(root, parent, name)).isDirectory())
        .map((name) => `${parent}${name}/`);
      for (const folder of present) expect(folders, `${folder} is missing from the README's layout tree`).toContain(folder);
    }
  });
});
