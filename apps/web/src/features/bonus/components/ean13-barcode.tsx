import { useMemo } from 'react';
import { ean13Modules, isGuardModule } from './ean13';

const QUIET_LEFT = 11;
const QUIET_RIGHT = 7;
const WIDTH = QUIET_LEFT + 95 + QUIET_RIGHT;
const BAR = 60;
const GUARD = 66;
const HEIGHT = 76;

/**
 * The card's EAN-13 barcode as an SVG (crisp at any size, 11/7 modules of quiet zone), with the digits
 * under it as on a printed card. A till scanner reads it off a phone screen.
 */
export function Ean13Barcode({ value, label }: { value: string; label: string }) {
  const bars = useMemo(() => {
    const modules = ean13Modules(value);
    const runs: { x: number; width: number; guard: boolean }[] = [];
    for (let i = 0; i < modules.length; i++) {
      if (modules[i] !== '1') continue;
      const start = i;
      while (modules[i + 1] === '1' && isGuardModule(i + 1) === isGuardModule(start)) i++;
      runs.push({ x: QUIET_LEFT + start, width: i - start + 1, guard: isGuardModule(start) });
    }
    return runs;
  }, [value]);
  const digitY = HEIGHT - 2;
  const left = value.slice(1, 7);
  const right = value.slice(7);
  return (
    <svg className="bonus-barcode" role="img" aria-label={label} viewBox={`0 0 ${WIDTH} ${HEIGHT}`} data-barcode={value} shapeRendering="crispEdges">
      <rect width={WIDTH} height={HEIGHT} fill="#fff" />
      {bars.map((bar) => (
        <rect key={bar.x} x={bar.x} y={2} width={bar.width} height={bar.guard ? GUARD : BAR} fill="#000" />
      ))}
      <g fontFamily="monospace" fontSize="9" textAnchor="middle" fill="#000" aria-hidden="true">
        <text x={QUIET_LEFT - 5} y={digitY}>
          {value[0]}
        </text>
        {[...left].map((digit, i) => (
          <text key={`l${i}`} x={QUIET_LEFT + 3 + 7 * i + 3.5} y={digitY}>
            {digit}
          </text>
        ))}
        {[...right].map((digit, i) => (
          <text key={`r${i}`} x={QUIET_LEFT + 50 + 7 * i + 3.5} y={digitY}>
            {digit}
          </text>
        ))}
      </g>
    </svg>
  );
}
