import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { useUiStore } from './stores/ui-store';
import { startEngineSync } from './sync';

// Subscribe the stores before anything renders, so no event the engine queued is lost.
startEngineSync();
// The page comes from the URL. Browser mode's access token has left the fragment by now: the
// api module took it when the stores above were created.
useUiStore.getState().followLocation();

const container = document.getElementById('root');
if (container === null) throw new Error('index.html has no #root element');
createRoot(container).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
