// Runs SQLite WAL checkpoints on their own thread, so copying the WAL into the database file and its
// fsync never block the server's event loop (the main connection has wal_autocheckpoint off).
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';

const db = new Database(workerData.file);
db.pragma('synchronous = FULL');
const timer = setInterval(() => {
  try {
    db.pragma('wal_checkpoint(PASSIVE)');
  } catch (error) {
    parentPort?.postMessage({ error: String(error) });
  }
}, workerData.intervalMs);

parentPort?.on('message', (message) => {
  if (message !== 'close') return;
  clearInterval(timer);
  db.close();
  parentPort?.postMessage('closed');
});
