// Shared by returns (orders of other stores), pickup (delivery addresses) and the endless aisle.

/** Where and how to reach the sync-server for what this store's data does not hold. */
export interface ServerAccess {
  readonly serverUrl: string | null;
  /** The terminal's enrolled credential (`sync.authorization`). */
  readonly authorization: string | null;
  readonly online: boolean;
  readonly fetch?: typeof fetch;
}

/** A GET to the server's `/_omni/` endpoints, or a sentence saying why it could not be asked. */
export async function askServer<T>(
  access: ServerAccess,
  path: string,
  what: string,
): Promise<{ ok: true; body: T } | { ok: false; message: string }> {
  if (!access.serverUrl) return { ok: false, message: `This till has no sync-server: ${what} needs one.` };
  if (!access.online) return { ok: false, message: `Offline: ${what} needs the network.` };
  const doFetch = access.fetch ?? fetch;
  try {
    const res = await doFetch(`${access.serverUrl.replace(/\/$/, '')}/_omni/${path}`, {
      headers: access.authorization ? { Authorization: access.authorization } : {},
    });
    if (res.status === 401 || res.status === 403)
      return { ok: false, message: `The server does not let this till ask for ${what}; ask HQ.` };
    if (!res.ok) return { ok: false, message: `The server could not answer ${what} (HTTP ${res.status}).` };
    return { ok: true, body: (await res.json()) as T };
  } catch {
    return { ok: false, message: `The server did not answer: ${what} needs the network.` };
  }
}
