import type { Shaped } from './text.ts';

/** An RGB colour, each channel 0–1. */
export type Color = readonly [number, number, number];

export const colors = {
  ink: [0.1, 0.11, 0.13],
  muted: [0.36, 0.39, 0.44],
  faint: [0.62, 0.65, 0.7],
  rule: [0.8, 0.83, 0.87],
  accent: [0.11, 0.3, 0.5],
  panel: [0.94, 0.96, 0.98],
  white: [1, 1, 1],
} as const satisfies Record<string, Color>;

/** Two decimals at most, no exponent: PDF numbers. */
export function num(value: number): string {
  const rounded = Math.round(value * 100) / 100;
  return String(rounded === 0 ? 0 : rounded);
}

export type Align = 'left' | 'center' | 'right';

/** A PDF content stream being written: the few operators the layouts need, in points, origin bottom left. */
export class Canvas {
  #parts: string[] = [];

  raw(operators: string): this {
    this.#parts.push(operators);
    return this;
  }

  fillColor(color: Color): this {
    return this.raw(`${num(color[0])} ${num(color[1])} ${num(color[2])} rg`);
  }

  strokeColor(color: Color): this {
    return this.raw(`${num(color[0])} ${num(color[1])} ${num(color[2])} RG`);
  }

  rect(x: number, y: number, width: number, height: number, paint: 'f' | 'S' | 'B'): this {
    return this.raw(`${num(x)} ${num(y)} ${num(width)} ${num(height)} re ${paint}`);
  }

  /** A rectangle with rounded corners (radius r), filled and/or stroked. */
  roundedRect(x: number, y: number, width: number, height: number, r: number, paint: 'f' | 'S' | 'B'): this {
    const k = r * 0.4477; // distance of the Bézier handles that draw a quarter circle
    const right = x + width;
    const top = y + height;
    return this.raw(
      [
        `${num(x + r)} ${num(y)} m`,
        `${num(right - r)} ${num(y)} l`,
        `${num(right - k)} ${num(y)} ${num(right)} ${num(y + k)} ${num(right)} ${num(y + r)} c`,
        `${num(right)} ${num(top - r)} l`,
        `${num(right)} ${num(top - k)} ${num(right - k)} ${num(top)} ${num(right - r)} ${num(top)} c`,
        `${num(x + r)} ${num(top)} l`,
        `${num(x + k)} ${num(top)} ${num(x)} ${num(top - k)} ${num(x)} ${num(top - r)} c`,
        `${num(x)} ${num(y + r)} l`,
        `${num(x)} ${num(y + k)} ${num(x + k)} ${num(y)} ${num(x + r)} ${num(y)} c`,
        `h ${paint}`,
      ].join(' '),
    );
  }

  circle(cx: number, cy: number, r: number, paint: 'f' | 'S' | 'B'): this {
    return this.roundedRect(cx - r, cy - r, 2 * r, 2 * r, r, paint);
  }

  line(x1: number, y1: number, x2: number, y2: number, width: number, dash?: readonly [number, number]): this {
    const dashed = dash ? `[${num(dash[0])} ${num(dash[1])}] 0 d ` : '';
    const reset = dash ? ' [] 0 d' : '';
    return this.raw(`${num(width)} w ${dashed}${num(x1)} ${num(y1)} m ${num(x2)} ${num(y2)} l S${reset}`);
  }

  /** One shaped line with its baseline at y. */
  text(shaped: Shaped, size: number, x: number, y: number, align: Align = 'left'): this {
    if (shaped.runs.length === 0) return this;
    const width = (shaped.width * size) / 1000;
    const left = align === 'left' ? x : align === 'right' ? x - width : x - width / 2;
    let operators = `BT ${num(left)} ${num(y)} Td`;
    for (const run of shaped.runs) operators += ` /${run.font.resourceName} ${num(size)} Tf [${run.tj}] TJ`;
    return this.raw(`${operators} ET`);
  }

  /** Lines from the top: the first baseline at y, then one every `leading` points. */
  lines(lines: readonly Shaped[], size: number, x: number, y: number, leading: number, align: Align = 'left'): this {
    lines.forEach((line, index) => this.text(line, size, x, y - index * leading, align));
    return this;
  }

  /** Draws a form XObject (or an image) with its origin at (x, y), scaled. */
  place(resourceName: string, x: number, y: number, scaleX = 1, scaleY = scaleX): this {
    return this.raw(`q ${num(scaleX)} 0 0 ${num(scaleY)} ${num(x)} ${num(y)} cm /${resourceName} Do Q`);
  }

  toString(): string {
    return this.#parts.join('\n');
  }
}
