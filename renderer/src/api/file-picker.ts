import type { PickFileRequest } from '../../../shared/api/bridge';

const bridge = typeof window === 'undefined' ? undefined : window.clusterdeck;

/**
 * The desktop app's file picker (through the preload bridge), resolving with the chosen
 * absolute path or null when cancelled. Null in browser mode: the browser's files are not the
 * engine's, so there the admin types the path.
 */
export const pickFile: ((request: PickFileRequest) => Promise<string | null>) | null =
  bridge === undefined ? null : (request) => bridge.pickFile(request);
