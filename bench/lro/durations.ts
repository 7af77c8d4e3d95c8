/**
 * Operation durations spread around a usual one, so that no schedule is measured against one exact number:
 * `runs` durations stratified over usual × [1 − spread, 1 + spread] (one in each equal slice, at a random point in
 * it), in a shuffled order, from a fixed seed so that reruns and both clients see the same durations.
 */
export function spreadDurationsInMs(usualInMs: number, spread: number, runs: number, seed: number): number[] {
  const random = mulberry32(seed);
  const slices = Array.from({ length: runs }, (_, i) => usualInMs * (1 - spread + (2 * spread * (i + random())) / runs));
  for (let i = slices.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [slices[i], slices[j]] = [slices[j], slices[i]];
  }
  return slices;
}

/** A small seeded generator (mulberry32): the benchmark needs repeatable numbers, not good randomness. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}
