import { useEffect, useRef } from 'preact/hooks';
import { t } from '../i18n';

/**
 * A drawn signature: pointer (mouse, pen, finger) on a canvas; onChange gets a PNG data URL, or null
 * when cleared. Keyboard users sign with the typed name beside it instead.
 */
export function SignaturePad({ onChange, labelId }: { onChange: (dataUrl: string | null) => void; labelId: string }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const drawing = useRef(false);
  const drawn = useRef(false);

  useEffect(() => {
    const el = canvas.current!;
    const ctx = el.getContext('2d')!;
    const ratio = window.devicePixelRatio || 1;
    el.width = el.clientWidth * ratio;
    el.height = el.clientHeight * ratio;
    ctx.scale(ratio, ratio);
    ctx.lineWidth = 2.2;
    ctx.lineCap = 'round';
    ctx.lineJoin = 'round';
    ctx.strokeStyle = '#111';
  }, []);

  const point = (e: PointerEvent) => {
    const rect = canvas.current!.getBoundingClientRect();
    return [e.clientX - rect.left, e.clientY - rect.top] as const;
  };
  const ctx = () => canvas.current!.getContext('2d')!;

  return (
    <div class="signature">
      <canvas
        ref={canvas}
        role="img"
        aria-labelledby={labelId}
        data-testid="signature-canvas"
        onPointerDown={(e) => {
          canvas.current!.setPointerCapture(e.pointerId);
          drawing.current = true;
          const [x, y] = point(e);
          ctx().beginPath();
          ctx().moveTo(x, y);
          e.preventDefault();
        }}
        onPointerMove={(e) => {
          if (!drawing.current) return;
          const [x, y] = point(e);
          ctx().lineTo(x, y);
          ctx().stroke();
          drawn.current = true;
        }}
        onPointerUp={() => {
          drawing.current = false;
          if (drawn.current) onChange(canvas.current!.toDataURL('image/png'));
        }}
      />
      <button
        type="button"
        onClick={() => {
          const el = canvas.current!;
          ctx().clearRect(0, 0, el.width, el.height);
          drawn.current = false;
          onChange(null);
        }}
      >
        {t('visits.clearSignature')}
      </button>
    </div>
  );
}
