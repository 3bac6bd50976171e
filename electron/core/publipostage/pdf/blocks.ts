import { colors, type Canvas, type Color } from './canvas.ts';
import { cachedForm, firstBaseline, linesHeight, type RenderKit, type TextStyle } from './kit.ts';

/** A piece of a sheet stacked from top to bottom: it knows its height before it is drawn. */
export interface Block {
  height: number;
  draw(canvas: Canvas, x: number, top: number): void;
}

/**
 * A block whose drawing is the same on every sheet (`key` non-null) becomes a form drawn once
 * and placed on each sheet; a personal one is drawn inline.
 */
export function reusable(kit: RenderKit, key: string | null, width: number, build: () => Block): Block {
  if (key === null) return build();
  let form = kit.forms.get(key);
  if (!form) {
    const built = build();
    form = cachedForm(kit, key, width, built.height, (canvas) => built.draw(canvas, 0, built.height));
  }
  const { resourceName, height } = form;
  return { height, draw: (canvas, x, top) => canvas.place(resourceName, x, top - height) };
}

/**
 * A personal block whose text still recurs (« Voici le compte de Emma… » on every Emma's
 * letter): drawn inline the first time, then made a form on its second appearance and placed
 * from then on. Pages stay small, and so does the file.
 */
export function recurring(kit: RenderKit, key: string, width: number, build: () => Block): Block {
  if (kit.forms.has(key) || kit.seen.has(key)) return reusable(kit, key, width, build);
  kit.seen.add(key);
  return build();
}

export function paragraph(kit: RenderKit, text: string, style: TextStyle, width: number, color: Color = colors.ink): Block {
  const lines = kit.writer.type.wrap(text, style.role, style.size, width);
  return {
    height: linesHeight(lines.length, style),
    draw: (canvas, x, top) => canvas.fillColor(color).lines(lines, style.size, x, firstBaseline(top, style), style.leading),
  };
}

export function gap(height: number): Block {
  return { height, draw: () => {} };
}

export function stack(blocks: Block[]): Block {
  return {
    height: blocks.reduce((sum, block) => sum + block.height, 0),
    draw: (canvas, x, top) => {
      let y = top;
      for (const block of blocks) {
        block.draw(canvas, x, y);
        y -= block.height;
      }
    },
  };
}

/** Blocks separated by `spacing`, no spacing after the last. */
export function spaced(blocks: Block[], spacing: number): Block {
  return stack(blocks.flatMap((block, index) => (index === 0 ? [block] : [gap(spacing), block])));
}
