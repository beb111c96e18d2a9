import { useMemo } from 'react';
import { encode } from 'uqr';

/** A QR code as one SVG path; `uqr` computes the modules. Carries the card number for scanners that read QR. */
export function QrCode({ data, label, size = 200 }: { data: string; label: string; size?: number }) {
  const { path, modules } = useMemo(() => {
    const qr = encode(data, { ecc: 'M', border: 2 });
    let d = '';
    qr.data.forEach((row, y) =>
      row.forEach((dark, x) => {
        if (dark) d += `M${x} ${y}h1v1h-1z`;
      }),
    );
    return { path: d, modules: qr.size };
  }, [data]);
  return (
    <svg className="qr" role="img" aria-label={label} viewBox={`0 0 ${modules} ${modules}`} width={size} height={size} shapeRendering="crispEdges" data-qr={data}>
      <rect width={modules} height={modules} fill="#fff" />
      <path d={path} fill="#000" />
    </svg>
  );
}
