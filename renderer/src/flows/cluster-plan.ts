import { create } from 'zustand';
import { AppError, isAppError } from '../../../shared/api/errors';
import type { Plan } from '../../../shared/plan/types';
import { api } from '../api';
import { useUiStore } from '../stores/ui-store';

/** The preview -> review -> apply flow of a cluster's plan (one dialog at a time). */
export interface ClusterPlanState {
  clusterId: string | null;
  open: boolean;
  /** Plans every step (a re-check run): each step's check decides whether it runs. */
  full: boolean;
  plan: Plan | null;
  applying: boolean;
  error: AppError | null;
  /** Why the plan shown was made again (the model changed since the preview). */
  note: string | null;
  /** After applying, stay on the page (e.g. to watch a drain) instead of showing the queue. */
  stay: boolean;
  /** Opens the dialog and makes the plan (probes every host: 10-30 s). */
  preview: (clusterId: string, options?: PreviewOptions) => Promise<void>;
  /** Applies exactly the plan shown; on CONFLICT previews again and says so. */
  apply: () => Promise<void>;
  close: () => void;
}

/** How a preview is made and what follows its apply. */
export interface PreviewOptions {
  full?: boolean;
  note?: string;
  stay?: boolean;
  /**
   * The hash of a plan the admin was offered before (a drift report's repair plan): when the
   * new preview differs, the dialog says the hosts changed since.
   */
  expectHash?: string | null;
}

/** The note for a preview that was expected to be the plan `expected`, or null when it is. */
export function changedPlanNote(
  expected: string | null | undefined,
  hash: string | undefined,
): string | null {
  if (expected === undefined || expected === null || hash === expected) return null;
  return 'The hosts or the model changed since the drift check, so this plan differs from the one it found: review it before applying.';
}

const asAppError = (e: unknown): AppError =>
  isAppError(e) ? e : new AppError('INTERNAL', e instanceof Error ? e.message : String(e));

/** The renderer's plan flow. */
export const useClusterPlan = create<ClusterPlanState>()((set, get) => {
  // A preview answered after the dialog was closed or reopened is dropped.
  let seq = 0;
  return {
    clusterId: null,
    open: false,
    full: false,
    plan: null,
    applying: false,
    error: null,
    note: null,
    stay: false,
    async preview(clusterId, options = {}) {
      const mine = ++seq;
      const full = options.full ?? false;
      const stay = options.stay ?? false;
      set({
        clusterId,
        open: true,
        full,
        stay,
        plan: null,
        error: null,
        note: options.note ?? null,
      });
      try {
        const plan = await api.plans.preview({ clusterId, full });
        const changed = changedPlanNote(options.expectHash, plan.hash);
        if (mine === seq) set({ plan, ...(changed === null ? {} : { note: changed }) });
      } catch (e) {
        if (mine === seq) set({ error: asAppError(e) });
      }
    },
    async apply() {
      const { clusterId, plan, full, stay } = get();
      if (clusterId === null || plan?.hash === undefined) return;
      set({ applying: true, error: null });
      try {
        await api.plans.apply({ clusterId, planHash: plan.hash });
        seq += 1;
        set({ open: false, applying: false, plan: null, note: null });
        if (!stay) useUiStore.getState().showQueue();
      } catch (e) {
        set({ applying: false });
        const err = asAppError(e);
        if (err.code !== 'PLAN_STALE') {
          set({ error: err });
          return;
        }
        await get().preview(clusterId, {
          full,
          stay,
          note: 'The model changed (or the preview grew old) since this plan was made, so nothing was applied. This is the new plan: review it and apply again.',
        });
      }
    },
    close() {
      seq += 1;
      set({ open: false, plan: null, error: null, note: null, applying: false });
    },
  };
});
