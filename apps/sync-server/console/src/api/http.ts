// One way to call the server from the console: same-origin fetch carrying the `_session` cookie, JSON
// in and out, and a typed error that keeps the server's own explanation for the person to read.

/** A refused or failed call, with the server's reason (CouchDB `{error, reason}` or problem details). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** Options of {@link api}: a method, a JSON body, or raw text (CSV) with its content type. */
export interface ApiInit {
  readonly method?: string;
  readonly json?: unknown;
  readonly text?: string;
  readonly contentType?: string;
  readonly signal?: AbortSignal;
}

function reasonOf(status: number, body: unknown): { code: string; message: string } {
  if (body && typeof body === 'object') {
    const b = body as Record<string, unknown>;
    const code =
      typeof b.error === 'string' ? b.error : typeof b.type === 'string' ? b.type : `http_${status}`;
    const message =
      typeof b.reason === 'string'
        ? b.reason
        : typeof b.detail === 'string'
          ? b.detail
          : typeof b.title === 'string'
            ? b.title
            : `The server answered ${status}.`;
    return { code, message };
  }
  return { code: `http_${status}`, message: `The server answered ${status}.` };
}

async function send(path: string, init: ApiInit, accept: string): Promise<Response> {
  const headers: Record<string, string> = { Accept: accept };
  let body: string | undefined;
  if (init.json !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(init.json);
  } else if (init.text !== undefined) {
    headers['Content-Type'] = init.contentType ?? 'text/plain';
    body = init.text;
  }
  let response: Response;
  try {
    response = await fetch(path, {
      method: init.method ?? (body === undefined ? 'GET' : 'POST'),
      headers,
      credentials: 'same-origin',
      ...(body === undefined ? {} : { body }),
      ...(init.signal ? { signal: init.signal } : {}),
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError(0, 'network', 'The server cannot be reached; check the connection and try again.');
  }
  if (!response.ok) {
    const text = await response.text();
    let parsed: unknown;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      parsed = undefined;
    }
    const { code, message } = reasonOf(response.status, parsed);
    throw new ApiError(response.status, code, message);
  }
  return response;
}

/** Calls the server and parses the JSON answer; non-2xx answers throw {@link ApiError}. */
export async function api<T>(path: string, init: ApiInit = {}): Promise<T> {
  const response = await send(path, init, 'application/json');
  const text = await response.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

/** Calls the server and returns the answer as text (CSV exports). */
export async function apiText(path: string, init: ApiInit = {}): Promise<string> {
  const response = await send(path, init, 'text/csv, text/plain, */*');
  return response.text();
}

/** The message to show for any failure. */
export function messageOf(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}
