// Writing responses. Bodies that are already JSON text (stored documents) are sent without re-encoding.
import type { ServerResponse } from 'node:http';
import type { JsonText } from '../storage/doc-json';

export function sendJson(
  res: ServerResponse,
  status: number,
  value: unknown,
  headers?: Record<string, string>,
): void {
  sendText(res, status, JSON.stringify(value), headers);
}

export function sendText(
  res: ServerResponse,
  status: number,
  json: JsonText | string,
  headers?: Record<string, string>,
): void {
  const body = Buffer.from(json + '\n');
  res.writeHead(status, {
    ...headers,
    'Content-Type': 'application/json',
    'Content-Length': String(body.length),
    'Cache-Control': 'must-revalidate',
  });
  res.end(body);
}
