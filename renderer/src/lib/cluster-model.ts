/** Cluster texts and suggestions live in shared/ (the CLI uses them too). */
export {
  describeStorage,
  hasUnapplied,
  LAYOUTS,
  layoutLabel,
  sameModel,
} from '../../../shared/model/cluster-summary';
export {
  DEFAULT_QUOTA_MIB,
  FIRST_ACCOUNT_ID,
  suggestAccountId,
} from '../../../shared/model/cluster-suggest';
