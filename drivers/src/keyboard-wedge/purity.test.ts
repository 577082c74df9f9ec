import { readdirSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

// The renderer imports `@store-os/drivers/keyboard-wedge`, and protocols are meant to run anywhere;
// until the repository lint has a rule for these two folders, this guards them.
const NODE = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));

function imports(folder: string): Array<{ file: string; from: string }> {
  const dir = join(import.meta.dirname, '..', folder);
  return readdirSync(dir)
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))
    .flatMap((file) =>
      [...readFileSync(join(dir, file), 'utf8').matchAll(/from '([^']+)'/g)].map((m) => ({
        file,
        from: m[1] ?? '',
      })),
    );
}

describe('renderer-safe folders', () => {
  it('keyboard-wedge imports nothing outside its own folder', () => {
    expect(imports('keyboard-wedge').filter((i) => !i.from.startsWith('./'))).toEqual([]);
  });

  it('protocols import no Node built-ins and nothing from transports, devices or simulators', () => {
    const bad = imports('protocols').filter(
      (i) => NODE.has(i.from) || /^\.\.\/(transports|devices|simulators|registry)/.test(i.from),
    );
    expect(bad).toEqual([]);
  });
});
