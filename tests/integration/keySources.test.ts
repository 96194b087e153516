import { describe, expect, it } from 'vitest';
import { commandTable } from '@/lib/server/commands/commandTable';
import { legacyPositions, movesKeys, planKeys } from '@/lib/server/commands/keySources';
import { keyPositions } from '@/lib/server/commands/keyPositions';
import { isOpen } from '@/lib/server/commands/policy';

describe("the two views of where keys are, over the live server's whole command table", () => {
  it('agree for every open command with fixed key positions, at every length it accepts, and a line where they differ is refused', async () => {
    const table = await commandTable();
    const disagreements: string[] = [];
    const commands = table.all().flatMap((meta) => (meta.subcommands.size ? [...meta.subcommands.values()] : [meta]));
    const fixed = commands.filter((m) => isOpen(m) && !movesKeys(m));
    expect(fixed.length).toBeGreaterThan(100);
    for (const meta of fixed) {
      const words = meta.name.split('|');
      for (let argc = Math.abs(meta.arity); argc <= Math.abs(meta.arity) + 5; argc += 1) {
        if (meta.arity > 0 && argc !== meta.arity) continue;
        const text = [...words, ...Array.from({ length: argc - words.length }, (_, i) => `a${i}`)];
        const found = keyPositions(meta, text);
        const ours = found.ok ? found.positions : undefined;
        const legacy = legacyPositions(meta, argc);
        if (JSON.stringify(ours) === JSON.stringify(legacy)) continue;
        disagreements.push(text.join(' '));
        expect(planKeys(meta, text)).toMatchObject({ kind: 'refuse' });
      }
    }
    // Redis 7.0's specs call PFMERGE's empty source range invalid, so its ACL would check no key at all.
    expect(disagreements).toEqual(['pfmerge a0']);
  });
});
