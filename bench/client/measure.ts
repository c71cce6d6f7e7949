// In-page measurement: time to the first frame on screen, then frames per second while panning (the camera's
// x/y animated back and forth, zoom and angle unchanged), and the longest main-thread task meanwhile
// (PerformanceObserver 'longtask', 50 ms and more).
import type Sigma from 'sigma';
import type { Attributes } from 'graphology-types';

export interface RenderResult {
  firstRenderMs: number;
  fps: number;
  frames: number;
  nodes: number;
  edges: number;
  webgl: string;
  /** Longest task from creating the renderer to the end of the animation (ms; 0 when none reached 50 ms). */
  longestTaskMs: number;
}

declare global {
  interface Window {
    benchResult?: RenderResult | { error: string };
  }
}

const frame = () => new Promise<number>((r) => requestAnimationFrame(r));

/** The WebGL renderer's own name (e.g. "ANGLE (Google, Vulkan 1.3.0 (SwiftShader Device …))"), or null without WebGL 2. */
export function webglRenderer(): string | null {
  const gl = document.createElement('canvas').getContext('webgl2');
  if (!gl) return null;
  const info = gl.getExtension('WEBGL_debug_renderer_info');
  return String(gl.getParameter(info ? info.UNMASKED_RENDERER_WEBGL : gl.RENDERER));
}

export async function measure<N extends Attributes, E extends Attributes>(create: () => Sigma<N, E>, nodes: number, edges: number, animateMs: number): Promise<void> {
  try {
    const webgl = webglRenderer();
    if (!webgl) throw new Error('no WebGL 2 (Chromium needs --use-angle=swiftshader)');
    let longestTaskMs = 0;
    const observer = new PerformanceObserver((list) => {
      for (const e of list.getEntries()) longestTaskMs = Math.max(longestTaskMs, e.duration);
    });
    observer.observe({ type: 'longtask' });
    // Let the page's own start-up finish, so the clock starts with the renderer alone.
    await frame();
    await frame();
    const t0 = performance.now();
    const sigma = create();
    // Sigma renders inside its constructor; two animation frames later that frame has reached the screen.
    await frame();
    await frame();
    const firstRenderMs = performance.now() - t0;
    let frames = 0;
    sigma.on('afterRender', () => frames++);
    const camera = sigma.getCamera();
    const start = performance.now();
    // Panning: the camera moves 0.3 of the graph's extent along x and y, then back, at the fitted zoom and angle.
    let away = true;
    while (performance.now() - start < animateMs) {
      await camera.animate({ x: away ? 0.8 : 0.5, y: away ? 0.8 : 0.5 }, { duration: 500 });
      away = !away;
    }
    const seconds = (performance.now() - start) / 1000;
    // Long-task entries are delivered asynchronously: give them a moment.
    await new Promise((r) => setTimeout(r, 100));
    observer.disconnect();
    window.benchResult = { firstRenderMs, fps: frames / seconds, frames, nodes, edges, webgl, longestTaskMs };
  } catch (err) {
    window.benchResult = { error: (err as Error).message };
  }
}
