import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { startTerminal } from './app/start-terminal';
import { App } from './app/App';
import { connectHost } from './bridge/connect-host';
import { EnrollmentScreen } from './session/EnrollmentScreen';
import './styles.css';

const root = createRoot(document.getElementById('root') as HTMLElement);

function showError(error: unknown): void {
  root.render(
    <p role="alert">
      The terminal could not start: {error instanceof Error ? error.message : String(error)}
    </p>,
  );
}

connectHost()
  .then(async (host) => {
    const status = await host.invoke('enrollment.status', {});
    if (!status.enrolled) {
      // After enrolling, a reload starts the terminal under a CSP that allows the enrolled server.
      root.render(
        <EnrollmentScreen host={host} status={status} onEnrolled={() => window.location.reload()} />,
      );
      return;
    }
    const context = await startTerminal(host);
    document.body.dataset['ready'] = 'true';
    root.render(
      <StrictMode>
        <App context={context} />
      </StrictMode>,
    );
  })
  .catch(showError);
