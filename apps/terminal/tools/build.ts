// `npm run build -w apps/terminal`: the renderer (Vite) and the Electron main/preload bundles, ready for electron-builder.
import { buildElectron } from './build-electron';
import { buildRendererIfStale } from './build-renderer';

await buildRendererIfStale();
console.log(`built ${await buildElectron()} and the renderer`);
