import { useEffect } from 'react';
import { useSession } from './session-context';

/** Who is signed in, and the way out (Alt+O), for the navigation bar. */
export function SignedInAs() {
  const session = useSession();
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!(e.altKey && e.key.toLowerCase() === 'o')) return;
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
      <button type="button" aria-keyshortcuts="Alt+O" onClick={() => session.signOut()}>
        Sign out <kbd>Alt+O</kbd>
      </button>
    </span>
  );
}
