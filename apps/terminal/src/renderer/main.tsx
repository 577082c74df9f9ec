import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { startTerminal } from './app/start-terminal';
import { App } from './app/App';
import { connectHost } from './bridge/connect-host';
import './styles.css';

const root = createRoot(document.getElementById('root') as HTMLElement);
connectHost()
  .then(startTerminal)
  .then((context) => {
    document.body.dataset['ready'] = 'true';
    root.render(
      <StrictMode>
        <App context={context} />
      </StrictMode>,
    );
  })
  .catch((error: unknown) => {
    root.render(
      <p role="alert">
        The terminal could not start: {error instanceof Error ? error.message : String(error)}
      </p>,
    );
  });
