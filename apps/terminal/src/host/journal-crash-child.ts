// Test helper run as a child process by journal.test.ts: appends one sale, reports that append resolved,
// then idles until the test kills it with SIGKILL (no chance to flush or close anything).
import { Journal } from './journal';

const [path, id] = process.argv.slice(2);
if (!path || !id) throw new Error('usage: journal-crash-child <journal path> <entry id>');
const journal = await Journal.open(path, { now: () => Date.now() });
const result = await journal.append({
  id,
  kind: 'sale',
  collection: 'store',
  documents: [{ _id: id, type: 'order' }],
});
process.stdout.write(`appended ${result.seq}\n`);
setInterval(() => undefined, 60_000);
