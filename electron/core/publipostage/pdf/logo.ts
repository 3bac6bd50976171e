import { PDFDocument } from 'pdf-lib';
import type { Logo } from '../../../../shared/domain/publipostage.ts';

const pngSignature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
/** A logo is printed 2 cm wide: anything larger is a mistake, or a decompression bomb. */
const maxSide = 3000;

/**
 * Whether the logo is a PNG or JPEG the PDF can embed. The PNG header is checked before any
 * decoding, so a huge image is refused without being inflated.
 */
export async function isUsableLogo(logo: Logo): Promise<boolean> {
  const bytes = Buffer.from(logo.base64, 'base64');
  try {
    const document = await PDFDocument.create();
    if (logo.mime === 'image/png') {
      if (bytes.length < 24 || !bytes.subarray(0, 8).equals(pngSignature)) return false;
      if (bytes.readUInt32BE(16) > maxSide || bytes.readUInt32BE(20) > maxSide) return false;
      await document.embedPng(bytes);
    } else {
      if (bytes[0] !== 0xff || bytes[1] !== 0xd8) return false;
      const image = await document.embedJpg(bytes);
      if (image.width > maxSide || image.height > maxSide) return false;
    }
    return true;
  } catch {
    return false;
  }
}
