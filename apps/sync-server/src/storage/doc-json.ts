// Documents are stored as their JSON body without underscore fields and re-assembled as strings, so the
// hot read paths (_changes with include_docs, _bulk_get) never parse and re-serialise a body.

/** A JSON text that is known to be valid and is embedded verbatim into responses. */
export type JsonText = string & { readonly __json: unique symbol };

export function asJsonText(text: string): JsonText {
  return text as JsonText;
}

export function toJsonText(value: unknown): JsonText {
  return JSON.stringify(value) as JsonText;
}

/** `{"_id":…,"_rev":…,[_deleted],…body}` plus optional extra underscore fields (already JSON). */
export function docJson(
  id: string,
  rev: string,
  deleted: boolean,
  body: string,
  extra?: Record<string, unknown>,
): JsonText {
  let out = `{"_id":${JSON.stringify(id)},"_rev":${JSON.stringify(rev)}`;
  if (deleted) out += ',"_deleted":true';
  if (extra)
    for (const [k, v] of Object.entries(extra))
      if (v !== undefined) out += `,${JSON.stringify(k)}:${JSON.stringify(v)}`;
  if (body.length > 2) out += ',' + body.slice(1);
  else out += '}';
  return out as JsonText;
}

/** Splits a written document into its stored body (no underscore fields) and its underscore fields. */
export function splitDoc(doc: Record<string, unknown>): { body: string; special: Record<string, unknown> } {
  const plain: Record<string, unknown> = {};
  const special: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(doc)) {
    if (k.startsWith('_')) special[k] = v;
    else plain[k] = v;
  }
  return { body: JSON.stringify(plain), special };
}
