import { create } from 'zustand';
import type { ClusterView } from '../../../../../shared/api/contract';
import { toErrorInfo, type ErrorInfo } from '../../../../../shared/api/errors';
import { api } from '../../../api';
import { issuesOf, stepOfField, type FieldIssue } from '../../../lib/cluster-fields';
import { useClustersStore } from '../../../stores/clusters-store';
import {
  clearField,
  draftIssues,
  EMPTY_DRAFT,
  issuesOfStep,
  shiftNodeIssues,
  toClusterInput,
  type SetupDraft,
} from './setup-draft';

/** UI state of the setup wizard; kept while the admin visits other pages (e.g. to probe). */
export interface SetupState {
  /** Shown although clusters exist ("New cluster"), or kept open after saving. */
  active: boolean;
  step: number;
  draft: SetupDraft;
  issues: FieldIssue[];
  saving: boolean;
  /** A save error that is not a VALIDATION of fields. */
  error: ErrorInfo | null;
  saved: ClusterView | null;
  start: () => void;
  reset: () => void;
  goTo: (step: number) => void;
  /** Goes to the next step when the current one's fields are well-formed. */
  next: () => void;
  /** Changes draft fields and drops the messages of the named model paths. */
  patch: (p: Partial<SetupDraft>, fields?: string[]) => void;
  /** Drops node row `index`; messages of later rows move up with them. */
  removeNode: (index: number) => void;
  save: () => Promise<void>;
}

const FRESH = {
  step: 0,
  draft: EMPTY_DRAFT,
  issues: [],
  saving: false,
  error: null,
  saved: null,
};

/** The setup wizard's state. */
export const useSetupStore = create<SetupState>()((set, get) => ({
  active: false,
  ...FRESH,
  start: () => set({ active: true, ...FRESH }),
  reset: () => set({ active: false, ...FRESH }),
  goTo: (step) => set({ step }),
  next() {
    const { step, draft, issues } = get();
    const mine = issuesOfStep(draftIssues(draft), step);
    const others = issues.filter((i) => stepOfField(i.field) !== step);
    if (mine.length > 0) set({ issues: [...others, ...mine] });
    else set({ step: step + 1, issues });
  },
  patch(p, fields = []) {
    set({
      draft: { ...get().draft, ...p },
      issues: fields.reduce(clearField, get().issues),
      error: null,
    });
  },
  removeNode(index) {
    const { draft, issues } = get();
    set({
      draft: { ...draft, nodes: draft.nodes.filter((_n, i) => i !== index) },
      issues: shiftNodeIssues(issues, index),
    });
  },
  async save() {
    const local = draftIssues(get().draft);
    if (local.length > 0) {
      set({ issues: local, step: Math.min(...local.map((i) => stepOfField(i.field))) });
      return;
    }
    set({ saving: true, error: null });
    try {
      const view = await api.clusters.save({ cluster: toClusterInput(get().draft) });
      useClustersStore.getState().upsert(view);
      set({ saving: false, saved: view, issues: [], active: true });
    } catch (e) {
      const info = toErrorInfo(e);
      const issues = issuesOf(info);
      if (issues === null) {
        set({ saving: false, error: info });
        return;
      }
      // Show the first step with a problem; the stepper marks the others.
      set({ saving: false, issues, step: Math.min(...issues.map((i) => stepOfField(i.field))) });
    }
  },
}));
