/**
 * A trigger plan compiled to per-position instructions, so the join loop never asks whether a
 * variable is bound: that is known statically from the join order.
 */
import type { TriggerPlan } from './plan.js';

/** Position modes. */
export const CONST = 0, BOUND = 1, BIND = 2, CHECK = 3;

/** Instructions for the trigger premise followed by the joined premises. */
export interface StepProgram {
  /** Premise index of each step (step 0 = trigger). */
  premise: Int32Array;
  /** 3 per step: CONST, BOUND (value from a variable bound earlier), BIND (first occurrence), CHECK (repeat within the premise). */
  mode: Uint8Array;
  /** 3 per step: the constant term id or the variable number. */
  arg: Int32Array;
}

/** Compile the steps of a plan (step 0 is the trigger when `trigger` ≥ 0). */
export function compileSteps(plan: TriggerPlan): StepProgram {
  const { rule } = plan;
  const seq = plan.trigger >= 0 ? [plan.trigger, ...plan.order] : [...plan.order];
  const bound = new Set<number>();
  const premise = Int32Array.from(seq);
  const mode = new Uint8Array(seq.length * 3);
  const arg = new Int32Array(seq.length * 3);
  seq.forEach((i, k) => {
    const local = new Set<number>();
    for (let j = 0; j < 3; j++) {
      const e = rule.premises[3 * i + j];
      const at = 3 * k + j;
      if (e >= 0) (mode[at] = CONST), (arg[at] = e);
      else {
        const v = -e - 1;
        arg[at] = v;
        mode[at] = bound.has(v) ? BOUND : local.has(v) ? CHECK : BIND;
        local.add(v);
      }
    }
    for (const v of local) bound.add(v);
  });
  return { premise, mode, arg };
}
