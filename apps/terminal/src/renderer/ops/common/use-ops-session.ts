import { useContext } from 'react';
import { SessionContext, type Session } from '../../session/session-context';

/**
 * The signed-in session, or undefined when the shell renders the screen without one: store
 * operations then say "sign in" instead of taking the terminal down.
 */
export function useOpsSession(): Session | undefined {
  return useContext(SessionContext);
}
