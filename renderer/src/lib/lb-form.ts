/** The service wizard's form lives in shared/ (the CLI's `service add|edit` uses it too). */
export * from '../../../shared/lb/service-form';
