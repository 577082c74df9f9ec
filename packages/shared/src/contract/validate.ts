import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import { ContractError } from './contract-error';
import { hostEvents, type HostEvent, type HostEventPayload } from './host-events';
import {
  hostMethods,
  isHostMethod,
  type HostMethod,
  type HostRequest,
  type HostResponse,
} from './host-methods';

// Validators compile lazily on first use: ajv generates code with `new Function`, which only the host side
// (Node) runs; the renderer's strict CSP forbids eval, and the renderer never needs to validate its own calls.
let ajv: Ajv | undefined;
const compiled = new Map<string, ValidateFunction>();

function validatorFor(key: string, schema: object): ValidateFunction {
  let validate = compiled.get(key);
  if (!validate) {
    ajv ??= new Ajv({ strict: true, allErrors: true });
    validate = ajv.compile(schema);
    compiled.set(key, validate);
  }
  return validate;
}

function describe(errors: ErrorObject[] | null | undefined): string {
  return (errors ?? [])
    .slice(0, 5)
    .map((e) => `${e.instancePath || '(root)'} ${e.message ?? 'is invalid'}`)
    .join('; ');
}

/** Checks an untrusted method name and payload; returns the typed request or throws a ContractError. */
export function parseHostRequest(
  method: unknown,
  payload: unknown,
): { method: HostMethod; request: HostRequest<HostMethod> } {
  if (!isHostMethod(method)) {
    throw new ContractError('contract.unknown-method', `The host has no method ${JSON.stringify(method)}.`, {
      method,
    });
  }
  const validate = validatorFor(`request:${method}`, hostMethods[method].request);
  if (!validate(payload)) {
    throw new ContractError(
      'contract.invalid-request',
      `${method} refused its request: ${describe(validate.errors)}. Fix the caller; nothing was done.`,
      { method },
    );
  }
  return { method, request: payload as HostRequest<HostMethod> };
}

/** Checks what a host handler answered, so a host bug never hands the renderer a malformed value. */
export function assertHostResponse<M extends HostMethod>(method: M, value: unknown): HostResponse<M> {
  const validate = validatorFor(`response:${method}`, hostMethods[method].response);
  if (!validate(value)) {
    throw new ContractError(
      'contract.invalid-response',
      `The host answered ${method} with a malformed response: ${describe(validate.errors)}.`,
      { method },
    );
  }
  return value as HostResponse<M>;
}

/** Checks an event payload before it is sent to the renderer. */
export function assertHostEvent<E extends HostEvent>(event: E, payload: unknown): HostEventPayload<E> {
  const validate = validatorFor(`event:${event}`, hostEvents[event]);
  if (!validate(payload)) {
    throw new ContractError(
      'contract.invalid-response',
      `The host event ${event} is malformed: ${describe(validate.errors)}.`,
      {
        event,
      },
    );
  }
  return payload as HostEventPayload<E>;
}
