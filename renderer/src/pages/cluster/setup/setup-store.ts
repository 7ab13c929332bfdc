import { create } from 'zustand';
import type { ClusterView } from '../../../../../shared/api/contract';
import { toErrorInfo, type ErrorInfo } from '../../../../../shared/api/errors';
import { api } from '../../../api';
import { issuesOf, stepOfField, type FieldIssue } from '../../../lib/cluster-fields';
import { useClustersStore } from '../../../stores/clusters-store';
import { checkStep } from './setup-check';
import {
  clearField,
  draftIssues,
  EMPTY_DRAFT,
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
  /** The engine is checking the step being left (conflicts with other fields and hosts). */
  checking: boolean;
  /** A save error that is not a VALIDATION of fields. */
  error: ErrorInfo | null;
  saved: ClusterView | null;
  start: () => void;
  reset: () => void;
  /** Goes to a step; the step left forward is checked as Next checks it, without holding. */
  goTo: (step: number) => Promise<void>;
  /**
   * Goes to the next step when the current one's fields are well-formed and the engine finds
   * no conflict on them (quorum IP in use, duplicate address): what a save would refuse is
   * shown on the step and field where it is, as the admin leaves the step.
   */
  next: () => Promise<void>;
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
  checking: false,
  error: null,
  saved: null,
};

/** The setup wizard's state. */
export const useSetupStore = create<SetupState>()((set, get) => {
  /**
   * Checks step `step` as the admin leaves it (see checkStep) and puts its errors on its
   * fields. Resolves true when it found none; false also when the draft changed meanwhile
   * (the answer was about another draft) or the engine could not be asked.
   */
  const leaveStep = async (step: number): Promise<boolean> => {
    const { draft } = get();
    set({ checking: true, error: null });
    const r = await checkStep(draft, step, (input) => api.clusters.validate(input));
    if (get().draft !== draft) {
      set({ checking: false });
      return false;
    }
    if ('error' in r) {
      set({ checking: false, error: r.error });
      return false;
    }
    const others = get().issues.filter((i) => stepOfField(i.field) !== step);
    set({ checking: false, issues: [...others, ...r.issues] });
    return r.issues.length === 0;
  };

  return {
    active: false,
    ...FRESH,
    start: () => set({ active: true, ...FRESH }),
    reset: () => set({ active: false, ...FRESH }),
    async goTo(target) {
      const { step } = get();
      set({ step: target });
      // Jumping ahead through the stepper is free, but the step left is still checked: its
      // errors show on its fields and the stepper counts them.
      if (target > step) await leaveStep(step);
    },
    async next() {
      const { step } = get();
      if ((await leaveStep(step)) && get().step === step) set({ step: step + 1 });
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
  };
});
