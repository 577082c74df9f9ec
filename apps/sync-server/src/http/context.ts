// What every handler gets: the request, the response, the caller and the server's services.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Authenticator } from '../auth/authenticate';
import type { AuthStore } from '../auth/auth-store';
import type { Directory } from '../auth/directory';
import type { Principal } from '../auth/principal';
import type { SqliteStore } from '../storage/sqlite-store';
import type { ValidateDocument } from '../validation/write-validator';
import type { CorsOrigins } from './cors';

/** The long-lived parts of a running server that handlers use. */
export interface Services {
  store: SqliteStore;
  auth: AuthStore;
  directory: Directory;
  authenticator: Authenticator;
  validate: ValidateDocument;
  maxBodyBytes: number;
  cors: CorsOrigins;
  /** Set while the server drains for shutdown: live feeds end early. */
  stopping: { value: boolean };
  /** Called after writes to a store database so the stock roll-up can follow. */
  onStoreWrite: (db: string) => void;
  enrollmentTtlMs: number;
}

/** One request being answered. */
export interface Ctx {
  req: IncomingMessage;
  res: ServerResponse;
  url: URL;
  principal: Principal | undefined;
  services: Services;
}

/** What the `/_pos` administration endpoints need; the CouchDB-cluster mode provides only this. */
export interface PosCtx extends Pick<Ctx, 'req' | 'res' | 'url' | 'principal'> {
  services: Pick<Services, 'directory' | 'maxBodyBytes' | 'enrollmentTtlMs'>;
}
