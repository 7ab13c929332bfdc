/**
 * electron/core is plain Node and must run without Electron: its tsconfig maps 'electron' to
 * this file, so any import of it fails to compile ("has no exported member").
 */
declare const electronIsForbiddenHere: unique symbol;
export type ElectronIsForbiddenInThisLayer = typeof electronIsForbiddenHere;
