import { userFromSession, type ConsoleUser } from '../access';
import { ApiError, api } from './http';

interface SessionAnswer {
  userCtx: { name: string | null; roles: string[] };
}

/** Who the `_session` cookie belongs to; undefined when signed out or not a console role. */
export async function currentUser(): Promise<ConsoleUser | undefined> {
  let s: SessionAnswer;
  try {
    s = await api<SessionAnswer>('/_session');
  } catch (error) {
    // An expired or revoked session cookie is refused outright: that is simply being signed out.
    if (error instanceof ApiError && error.status === 401) return undefined;
    throw error;
  }
  return userFromSession(s.userCtx.name, s.userCtx.roles);
}

/** Signs in with the server's cookie session; a terminal credential is refused here. */
export async function signIn(name: string, password: string): Promise<ConsoleUser> {
  const answer = await api<{ name: string; roles: string[] }>('/_session', { json: { name, password } });
  const user = userFromSession(answer.name, answer.roles);
  if (!user) {
    await signOut();
    throw new Error('This account cannot use the HQ console (terminals sign in at the counter).');
  }
  return user;
}

export async function signOut(): Promise<void> {
  await api('/_session', { method: 'DELETE' });
}
