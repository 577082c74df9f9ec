import { useEffect } from 'react';
import { useSession } from './session-context';

/** Who is signed in, and the way out (F10), for the navigation bar. */
export function SignedInAs() {
  const session = useSession();
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'F10') return;
      e.preventDefault();
      session.signOut();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [session]);
  return (
    <span className="signed-in">
      <span data-testid="signed-in">
        {session.staff.name} ({session.staff.role})
      </span>{' '}
      <button type="button" aria-keyshortcuts="F10" onClick={() => session.signOut()}>
        Sign out <kbd>F10</kbd>
      </button>
    </span>
  );
}
