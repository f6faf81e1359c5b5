import { centeredSums } from '../stats.js';

/** Ordinary least squares of y on x: slope, intercept and R² (0 when y does not vary). */
export function regression(x: number[], y: number[]): { slope: number; intercept: number; r2: number } {
  if (x.length < 2) return { slope: 0, intercept: y[0] ?? 0, r2: 0 };
  const { mx, my, sxy, sxx, syy } = centeredSums(x, y);
  const slope = sxx === 0 ? 0 : sxy / sxx;
  return { slope, intercept: my - slope * mx, r2: sxx === 0 || syy === 0 ? 0 : (sxy * sxy) / (sxx * syy) };
}
