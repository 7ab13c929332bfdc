/** The load-balancing model edits and texts live in shared/ (the CLI uses them too). */
export * from '../../../shared/lb/lb-edit';
