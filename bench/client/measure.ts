// In-page measurement: time to the first frame on screen, then frames per second during a camera animation.
import type Sigma from 'sigma';
import type { Attributes } from 'graphology-types';

declare global {
  interface Window {
    benchResult?: { firstRenderMs: number; fps: number; frames: number; nodes: number; edges: number; webgl: string } | { error: string };
  }
}

const frame = () => new Promise<number>((r) => requestAnimationFrame(r));

export async function measure<N extends Attributes, E extends Attributes>(create: () => Sigma<N, E>, nodes: number, edges: number, animateMs: number): Promise<void> {
  try {
    const gl = document.createElement('canvas').getContext('webgl2');
    const webgl = gl ? String(gl.getParameter(gl.RENDERER)) : 'none';
    if (!gl) throw new Error('no WebGL2');
    const t0 = performance.now();
    const sigma = create();
    await frame();
    await frame();
    const firstRenderMs = performance.now() - t0;
    let frames = 0;
    sigma.on('afterRender', () => frames++);
    const camera = sigma.getCamera();
    const start = performance.now();
    let zoomIn = true;
    while (performance.now() - start < animateMs) {
      await camera.animate({ ratio: zoomIn ? 0.5 : 1, angle: zoomIn ? 0.3 : 0 }, { duration: 500 });
      zoomIn = !zoomIn;
    }
    const seconds = (performance.now() - start) / 1000;
    window.benchResult = { firstRenderMs, fps: frames / seconds, frames, nodes, edges, webgl };
  } catch (err) {
    window.benchResult = { error: (err as Error).message };
  }
}
