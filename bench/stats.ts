/** Statistics the benchmarks share. */

/** The means of two equal-length series and their centred sums: Σ(x−x̄)(y−ȳ), Σ(x−x̄)², Σ(y−ȳ)². */
export function centeredSums(x: number[], y: number[]): { mx: number; my: number; sxy: number; sxx: number; syy: number } {
  const n = x.length;
  const mx = x.reduce((a, b) => a + b, 0) / n;
  const my = y.reduce((a, b) => a + b, 0) / n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    sxy += (x[i]! - mx) * (y[i]! - my);
    sxx += (x[i]! - mx) ** 2;
    syy += (y[i]! - my) ** 2;
  }
  return { mx, my, sxy, sxx, syy };
}
