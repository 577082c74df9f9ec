import { Ajv } from 'ajv';
import type { ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { DomainError } from '../errors';
import { describeSchemaError } from '../schemas/validate-document';
import { HeartbeatSchema, type Heartbeat } from './heartbeat';

// Built on first use: ajv compiles with `new Function`, which the renderer's CSP blocks.
let validate: ValidateFunction | undefined;

/** The value as a Heartbeat, or a `heartbeat.malformed` DomainError naming the wrong fields. */
export function parseHeartbeat(value: unknown): Heartbeat {
  validate ??= addFormats(new Ajv({ allErrors: true, strict: true }), ['date-time']).compile(HeartbeatSchema);
  if (validate(value)) return value as Heartbeat;
  const problems = (validate.errors ?? []).slice(0, 5).map((e) => describeSchemaError('heartbeat', e));
  throw new DomainError('heartbeat.malformed', `The heartbeat is not valid: ${problems.join('; ')}.`, {
    problems,
  });
}
