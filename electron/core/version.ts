declare const __CLUSTERDECK_VERSION__: string | undefined;

/** The application's version; the build defines it from package.json. */
export const APP_VERSION: string =
  typeof __CLUSTERDECK_VERSION__ === 'string' ? __CLUSTERDECK_VERSION__ : '0.0.0-dev';
