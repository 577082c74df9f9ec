import { useCallback, useEffect, useState } from 'react';
import { PAGES, pageForPath, pagesFor, type ConsoleUser, type PageId } from './access';
import { messageOf } from './api/http';
import { currentUser, signOut } from './api/session';
import { PageBoundary } from './components/page-boundary';
import { PageView } from './pages/page-view';
import { SignIn } from './pages/sign-in';

type SessionState =
  { state: 'checking' } | { state: 'signed-out'; message?: string } | { state: 'in'; user: ConsoleUser };

/** The console: sign-in, then the pages the role may see, routed by path under `/_hq/`. */
export function App() {
  const [session, setSession] = useState<SessionState>({ state: 'checking' });
  const [path, setPath] = useState(location.pathname);

  useEffect(() => {
    currentUser().then(
      (user) => setSession(user ? { state: 'in', user } : { state: 'signed-out' }),
      (error: unknown) => setSession({ state: 'signed-out', message: messageOf(error) }),
    );
    const onPop = () => setPath(location.pathname);
    addEventListener('popstate', onPop);
    return () => removeEventListener('popstate', onPop);
  }, []);

  const navigate = useCallback((page: PageId) => {
    const next = `/_hq/${page}`;
    if (location.pathname !== next) history.pushState(null, '', next);
    setPath(next);
  }, []);

  const leave = useCallback(() => {
    signOut().then(
      () => setSession({ state: 'signed-out' }),
      (error: unknown) => setSession({ state: 'signed-out', message: messageOf(error) }),
    );
  }, []);

  if (session.state === 'checking') return <p role="status">Checking your session…</p>;
  if (session.state === 'signed-out') {
    return <SignIn notice={session.message} onSignedIn={(user) => setSession({ state: 'in', user })} />;
  }
  const { user } = session;
  const page = pageForPath(path, user);
  const allowed = pagesFor(user);
  return (
    <div className="shell">
      <header className="topbar">
        <span className="brand">Store OS HQ</span>
        <span className="who" aria-label="Signed in as">
          {user.name} · {user.role === 'manager' ? `store manager, ${user.storeId}` : user.role}
        </span>
        <button type="button" onClick={leave}>
          Sign out
        </button>
      </header>
      <nav aria-label="Console pages" className="nav">
        <ul>
          {PAGES.filter((p) => allowed.includes(p.id)).map((p) => (
            <li key={p.id}>
              <a
                href={`/_hq/${p.id}`}
                aria-current={p.id === page ? 'page' : undefined}
                onClick={(e) => {
                  if (e.metaKey || e.ctrlKey || e.shiftKey || e.button !== 0) return;
                  e.preventDefault();
                  navigate(p.id);
                }}
              >
                {p.title}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <main className="main" aria-labelledby="page-title">
        <PageBoundary key={page}>
          <PageView page={page} user={user} />
        </PageBoundary>
      </main>
    </div>
  );
}
