// Radial layout for a blast radius: the origin in the middle, one ring per hop, each ring ordered by the angle of
// the node that reached it so the rings read outward without crossings where possible.
import type { DataGraph } from './payload.ts';

export function radialPositions(graph: DataGraph, origin: string, ringGap = 100, spacing = 38): Map<string, { x: number; y: number }> {
  const positions = new Map<string, { x: number; y: number }>();
  if (!graph.hasNode(origin)) return positions;
  const rings = new Map<number, string[]>();
  graph.forEachNode((node, a) => {
    if (node === origin || a.hops === null || a.hops <= 0) return;
    const list = rings.get(a.hops) ?? [];
    list.push(node);
    rings.set(a.hops, list);
  });
  positions.set(origin, { x: 0, y: 0 });
  const angle = new Map<string, number>([[origin, 0]]);
  let radius = 0;
  for (const hop of [...rings.keys()].sort((a, b) => a - b)) {
    const members = rings.get(hop)!;
    const parentAngle = (node: string) => {
      let best: number | null = null;
      graph.forEachNeighbor(node, (other, a) => {
        if (a.hops === hop - 1 && angle.has(other)) {
          const value = angle.get(other)!;
          if (best === null || value < best) best = value;
        }
      });
      return best ?? 0;
    };
    const sortKey = new Map(members.map((m) => [m, parentAngle(m)]));
    members.sort((a, b) => sortKey.get(a)! - sortKey.get(b)! || a.localeCompare(b));
    // A ring is at least one gap further out, and wide enough for its members to stand apart.
    radius = Math.max(radius + ringGap, (members.length * spacing) / (2 * Math.PI));
    // Turn the ring so its members sit, on average, on the side of their parents.
    const meanParent = members.reduce((sum, m) => sum + sortKey.get(m)!, 0) / Math.max(1, members.length);
    const offset = meanParent - (Math.PI * (members.length - 1)) / Math.max(1, members.length);
    members.forEach((m, i) => {
      const a = offset + (2 * Math.PI * i) / members.length;
      angle.set(m, ((a % (2 * Math.PI)) + 2 * Math.PI) % (2 * Math.PI));
      positions.set(m, { x: radius * Math.cos(a), y: radius * Math.sin(a) });
    });
  }
  return positions;
}

/** The rings, for drawing guides: radius, and the angle in the widest gap between its nodes (for its label). */
export function ringGuides(positions: Map<string, { x: number; y: number }>): { radius: number; labelAngle: number }[] {
  const rings = new Map<number, number[]>();
  for (const p of positions.values()) {
    const r = Math.round(Math.hypot(p.x, p.y));
    if (r === 0) continue;
    // Appended in place: copying the list per node made this quadratic (0.5 s for a ring of 16,000).
    const angles = rings.get(r);
    if (angles) angles.push(Math.atan2(p.y, p.x));
    else rings.set(r, [Math.atan2(p.y, p.x)]);
  }
  return [...rings.keys()]
    .sort((a, b) => a - b)
    .map((radius) => {
      const angles = rings.get(radius)!.sort((a, b) => a - b);
      // The widest gap; among gaps about as wide, the one further left (labels of nodes extend rightwards).
      let best = { score: -Infinity, at: Math.PI };
      angles.forEach((a, i) => {
        const next = i + 1 < angles.length ? angles[i + 1]! : angles[0]! + 2 * Math.PI;
        const at = a + (next - a) / 2;
        const score = next - a - 0.05 * Math.cos(at);
        if (score > best.score) best = { score, at };
      });
      return { radius, labelAngle: best.at };
    });
}

export interface Box {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

/**
 * Where a ring's label goes on screen: the first candidate (in order of preference) whose box lies inside the
 * view and clear of the overlays drawn over the graph (the legend), else the first. `candidates` are label
 * boxes in viewport pixels, e.g. for the widest gap's angle and then for evenly spaced angles around the ring.
 */
export function clearLabelBox(candidates: Box[], view: { width: number; height: number }, overlays: Box[]): number {
  const inside = (b: Box) => b.left >= 0 && b.top >= 0 && b.right <= view.width && b.bottom <= view.height;
  const hits = (a: Box, b: Box) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
  const index = candidates.findIndex((b) => inside(b) && !overlays.some((o) => hits(b, o)));
  return index < 0 ? 0 : index;
}
