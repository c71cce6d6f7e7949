// PNG of the canvas as drawn, with a title, the legend and a caption citing the sources of the edges shown.
import type { Legend } from '../core/appearance/types.ts';

export interface PngInput {
  container: HTMLElement;
  /** Re-renders synchronously: WebGL buffers are only readable in the task that drew them. */
  render(): void;
  title: string;
  legends: Legend[];
  caption: string[];
}

function wrap(c: CanvasRenderingContext2D, text: string, width: number): string[] {
  // Words wider than a line (long URLs) are cut into pieces that fit.
  const words = text.split(/\s+/).flatMap((word) => {
    if (c.measureText(word).width <= width) return [word];
    const pieces: string[] = [];
    let piece = '';
    for (const ch of word) {
      if (c.measureText(piece + ch).width > width && piece) {
        pieces.push(piece);
        piece = ch;
      } else piece += ch;
    }
    return piece ? [...pieces, piece] : pieces;
  });
  const lines: string[] = [];
  let line = '';
  for (const word of words) {
    const next = line ? `${line} ${word}` : word;
    if (c.measureText(next).width > width && line) {
      lines.push(line);
      line = word;
    } else line = next;
  }
  if (line) lines.push(line);
  return lines;
}

export function composePng(input: PngInput): Promise<Blob> {
  const { container } = input;
  const width = container.clientWidth;
  const height = container.clientHeight;
  const scale = 2;
  const pad = 16;
  const measure = document.createElement('canvas').getContext('2d')!;
  measure.font = '12px system-ui, sans-serif';
  const captionLines = input.caption.flatMap((line) => wrap(measure, line, width - pad * 2));
  const legendRows = input.legends.reduce((n, l) => n + 1 + Math.ceil(l.items.length / 3), 0);
  const footer = pad + legendRows * 20 + 10 + captionLines.length * 16 + pad;
  const header = 34;

  const out = document.createElement('canvas');
  out.width = width * scale;
  out.height = (header + height + footer) * scale;
  const c = out.getContext('2d')!;
  c.scale(scale, scale);
  c.fillStyle = '#ffffff';
  c.fillRect(0, 0, width, header + height + footer);
  c.fillStyle = '#1d2433';
  c.font = '600 15px system-ui, sans-serif';
  c.fillText(input.title, pad, 22, width - pad * 2);

  // The layers in DOM order (ring guides, edges, nodes, labels), skipping sigma's mouse layer.
  input.render();
  for (const canvas of container.querySelectorAll('canvas')) {
    if (canvas.classList.contains('sigma-mouse') || canvas.width === 0 || canvas.height === 0) continue;
    c.drawImage(canvas, 0, header, width, height);
  }
  c.strokeStyle = '#dde1e8';
  c.strokeRect(0.5, header + 0.5, width - 1, height - 1);

  let y = header + height + pad + 6;
  c.font = '12px system-ui, sans-serif';
  for (const legend of input.legends) {
    c.fillStyle = '#1d2433';
    c.font = '600 12px system-ui, sans-serif';
    c.fillText(legend.title, pad, y);
    c.font = '12px system-ui, sans-serif';
    y += 20;
    legend.items.forEach((item, i) => {
      const col = i % 3;
      const x = pad + col * ((width - pad * 2) / 3);
      const cy = y - 4;
      c.beginPath();
      const r = item.shape === 'size' ? Math.min(9, item.radius ?? 5) : 6;
      c.arc(x + 9, cy, r, 0, Math.PI * 2);
      if (item.shape === 'ring') {
        c.lineWidth = 3;
        c.strokeStyle = item.color;
        c.stroke();
      } else {
        c.fillStyle = item.color;
        c.fill();
      }
      c.fillStyle = '#1d2433';
      c.fillText(item.label, x + 22, y, (width - pad * 2) / 3 - 26);
      if (col === 2 || i === legend.items.length - 1) y += 20;
    });
  }
  y += 4;
  c.fillStyle = '#3a4356';
  for (const line of captionLines) {
    c.fillText(line, pad, y);
    y += 16;
  }
  return new Promise((resolve, reject) => out.toBlob((b) => (b ? resolve(b) : reject(new Error('PNG export: the canvas could not be encoded'))), 'image/png'));
}
