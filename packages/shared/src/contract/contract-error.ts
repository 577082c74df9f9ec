import { DomainError } from '../errors';

/** Why a call across the host boundary was refused or failed. */
export type ContractErrorCode =
  | 'contract.unknown-method'
  | 'contract.invalid-request'
  | 'contract.invalid-response'
  | 'contract.forbidden-sender'
  | 'contract.unauthorized'
  | 'contract.host-failed'
  | 'contract.disconnected';

/** A refused or failed host call, with a message that names the method and what to fix. */
export class ContractError extends DomainError {
  override readonly name = 'ContractError';

  constructor(
    override readonly code: ContractErrorCode,
    message: string,
    details: Readonly<Record<string, unknown>> = {},
  ) {
    super(code, message, details);
  }
}
