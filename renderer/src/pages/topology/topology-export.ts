/**
 * Saving the diagram (topology-svg.ts) as a file: the SVG as it is, or a PNG drawn from it on a
 * canvas (the SVG has no foreign content, so the canvas stays readable). Browser-only.
 */
import { downloadBlob } from '../../lib/download';

/** Canvas size limit that every Chromium handles (width × height, in pixels). */
const MAX_PIXELS = 16_000_000;

/** Saves an SVG document as `fileName`. */
export function downloadSvg(svg: string, fileName: string): void {
  downloadBlob(new Blob([svg], { type: 'image/svg+xml' }), fileName);
}

/** Draws an SVG document (with width and height) on a canvas, at twice its size when it fits. */
export async function svgToPng(svg: string): Promise<Blob> {
  const img = new Image();
  img.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
  await img.decode();
  const w = img.naturalWidth || 1;
  const h = img.naturalHeight || 1;
  const scale = Math.min(2, Math.sqrt(MAX_PIXELS / (w * h)));
  const canvas = document.createElement('canvas');
  canvas.width = Math.max(1, Math.floor(w * scale));
  canvas.height = Math.max(1, Math.floor(h * scale));
  const ctx = canvas.getContext('2d');
  if (ctx === null) throw new Error('this browser cannot draw on a canvas');
  ctx.drawImage(img, 0, 0, canvas.width, canvas.height);
  return new Promise((resolve, reject) =>
    canvas.toBlob(
      (b) => (b === null ? reject(new Error('the picture could not be encoded')) : resolve(b)),
      'image/png',
    ),
  );
}

/** Saves an SVG document as a PNG picture named `fileName`. */
export async function downloadPng(svg: string, fileName: string): Promise<void> {
  downloadBlob(await svgToPng(svg), fileName);
}
