// Layered layout for "how are A and B connected": A on the left, B on the right, one lane per path.
export function pathPositions(paths: string[][], width = 600, laneGap = 120): Map<string, { x: number; y: number }> {
  const sums = new Map<string, { x: number; y: number; n: number }>();
  paths.forEach((nodes, lane) => {
    const y = (lane - (paths.length - 1) / 2) * laneGap;
    const last = Math.max(1, nodes.length - 1);
    nodes.forEach((id, i) => {
      const s = sums.get(id) ?? { x: 0, y: 0, n: 0 };
      s.x += (i / last) * width;
      s.y += y;
      s.n += 1;
      sums.set(id, s);
    });
  });
  const positions = new Map<string, { x: number; y: number }>();
  for (const [id, s] of sums) positions.set(id, { x: s.x / s.n - width / 2, y: s.y / s.n });
  return positions;
}
