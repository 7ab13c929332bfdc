/**
 * The API's errors: stable codes, hints, typed details per code and AppError. They are defined
 * in shared/base/errors.ts, below the model and the planners, which throw them too; the engine,
 * the CLI and the renderer import them from here, as part of the API.
 */
export * from '../base/errors';
