import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveRenderer } from './serve-renderer';

const CSP = "default-src 'none'; script-src 'self'";

describe('serveRenderer (app:// in Electron)', () => {
  let root: string;
  let rendererDir: string;
  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'serve-renderer-'));
    rendererDir = join(root, 'renderer');
    await mkdir(join(rendererDir, 'assets'), { recursive: true });
    await writeFile(join(rendererDir, 'index.html'), '<!doctype html><title>POS</title>');
    await writeFile(join(rendererDir, 'assets', 'main.js'), 'console.log(1)');
    await writeFile(join(root, 'secret.txt'), 'credential');
  });
  afterAll(() => rm(root, { recursive: true, force: true }));

  it('serves the entry and assets with their type and the CSP header', async () => {
    const entry = await serveRenderer(rendererDir, 'app://terminal/', CSP);
    expect(entry.status).toBe(200);
    expect(entry.headers.get('content-security-policy')).toBe(CSP);
    expect(entry.headers.get('content-type')).toContain('text/html');
    expect(await entry.text()).toContain('<title>POS</title>');
    const script = await serveRenderer(rendererDir, 'app://terminal/assets/main.js', CSP);
    expect(script.headers.get('content-security-policy')).toBe(CSP);
    expect(script.headers.get('content-type')).toContain('javascript');
  });

  it('never serves a file outside the renderer folder, for another host, or that does not exist', async () => {
    for (const url of [
      'app://terminal/%2e%2e/secret.txt',
      'app://terminal/..%2fsecret.txt',
      'app://terminal/assets/%2e%2e/%2e%2e/secret.txt',
      'app://other/index.html',
      'app://terminal/missing.js',
      'app://terminal/%E0%A4%A',
    ]) {
      const response = await serveRenderer(rendererDir, url, CSP);
      expect(response.status, url).toBe(404);
      expect(await response.text(), url).not.toContain('credential');
    }
  });
});
