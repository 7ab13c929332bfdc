import { ELECTRON_SKIP_REASON, electronBinary } from './electron-binary';

/** Says once, in the run's own output, why the desktop e2e does not run here. */
export default function globalSetup(): void {
  if (!electronBinary()) console.log(`electron-app.spec.ts: ${ELECTRON_SKIP_REASON}`);
}
