// Main is a switchboard and the renderer untrusted: the journal and the devices live in the host
// (src/host, plain Node), reached from main only through bootTerminalHost and the contract's handlers,
// never from the renderer, and the host never imports Electron. Read from the sources, so a shortcut
// (main appending to the journal in an IPC handler, the renderer importing a driver) fails here.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const src = fileURLToPath(new URL('..', import.meta.url));

function sourcesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourcesUnder(path);
    return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) ? [path] : [];
  });
}

function importsOf(path: string): string[] {
  return [...readFileSync(path, 'utf8').matchAll(/(?:^|\n)\s*(?:import|export)[^'"]*?from\s+'([^']+)'/g)].map(
    (m) => m[1] ?? '',
  );
}

function offenders(dir: string, forbidden: RegExp): string[] {
  return sourcesUnder(join(src, dir)).flatMap((path) =>
    importsOf(path)
      .filter((spec) => forbidden.test(spec))
      .map((spec) => `${relative(src, path)} imports ${spec}`),
  );
}

describe('process layering', () => {
  it('main reaches the journal and devices only through the host it boots', () => {
    expect(
      offenders(
        'main',
        /host\/(journal|held-sales|registry-device-host|load-device-host|card-approvals)|@store-os\/drivers/,
      ),
    ).toEqual([]);
    const index = readFileSync(join(src, 'main', 'index.ts'), 'utf8');
    // The one IPC handler only hands the call to the guard (sender check, then the contract's schema).
    expect(index).toMatch(
      /ipcMain\.handle\(INVOKE_CHANNEL, \(event, method: unknown, payload: unknown\) =>\s*guard\(event, method, payload\),?\s*\)/,
    );
    expect(index.match(/ipcMain\.(handle|on)\(/g)).toHaveLength(1);
  });

  it('the renderer and the preload never import Node, Electron main, the host or the drivers', () => {
    // The keyboard-wedge decoder is the one driver module written for the page (keystroke timing, no I/O).
    expect(
      offenders('renderer', /^node:|^electron$|\/host\/|@store-os\/drivers(?!\/keyboard-wedge$)|\/main\//),
    ).toEqual([]);
    expect(offenders('preload', /^node:|\/host\/|@store-os\/drivers/)).toEqual([]);
  });

  it('the host never imports Electron, so main and the browser-mode host run the same host', () => {
    expect(offenders('host', /^electron$/)).toEqual([]);
  });
});
