/**
 * The browser's own check of picked image files, before anything is sent: the server checks
 * again (magic bytes, size, nine per product), this only spares a pointless upload and says
 * why in the person's language.
 */
import {
  type ImageContentType,
  imageContentTypes,
  MAX_IMAGE_BYTES,
  MAX_IMAGES_PER_PRODUCT,
  type ProductImageUpload,
} from '@siyu/shared';
import { errorCodeOf } from '../../providers/httpError';

/** What a refusal says: a translation key and its arguments; `reason` is a key translated first. */
export interface ImageProblem {
  name: string;
  message: string;
  args: Record<string, unknown>;
  reason?: string;
}

export const MAX_IMAGE_KB = MAX_IMAGE_BYTES / 1024;

type PickedFile = Pick<File, 'name' | 'type' | 'size'>;

const isImageType = (type: string): type is ImageContentType =>
  (imageContentTypes as readonly string[]).includes(type);

/** Splits picked files into those worth uploading and those refused (wrong type, too large, no room left). */
export function checkImageFiles<F extends PickedFile>(
  files: readonly F[],
  imagesAlready: number,
): { accepted: F[]; refused: ImageProblem[] } {
  const accepted: F[] = [];
  const refused: ImageProblem[] = [];
  for (const file of files) {
    const { name } = file;
    if (!isImageType(file.type)) {
      refused.push({ name, message: 'resources.products.images.wrong_type', args: { name } });
    } else if (file.size > MAX_IMAGE_BYTES) {
      const size = Math.ceil(file.size / 1024);
      refused.push({
        name,
        message: 'resources.products.images.too_large',
        args: { name, size, maxKb: MAX_IMAGE_KB },
      });
    } else if (imagesAlready + accepted.length >= MAX_IMAGES_PER_PRODUCT) {
      refused.push({
        name,
        message: 'resources.products.images.too_many',
        args: { name, max: MAX_IMAGES_PER_PRODUCT },
      });
    } else {
      accepted.push(file);
    }
  }
  return { accepted, refused };
}

/** The server's refusal of one upload: the file's name and why, in the person's language. */
export function uploadProblem(name: string, error: unknown): ImageProblem {
  const code = errorCodeOf(error);
  const failed = (reason: string) => ({
    name,
    message: 'resources.products.images.failed',
    args: { name, maxKb: MAX_IMAGE_KB, max: MAX_IMAGES_PER_PRODUCT },
    reason,
  });
  if (code === 'PAYLOAD_TOO_LARGE') return failed('resources.products.images.reason_too_large');
  if (code === 'BUSINESS_RULE') return failed('resources.products.images.reason_too_many');
  if (code === 'VALIDATION_FAILED') return failed('resources.products.images.reason_type');
  return failed(error instanceof Error ? error.message : 'ra.notification.http_error');
}

/** The file's bytes as base64, the way the upload endpoint takes them. */
export async function toUpload(file: File): Promise<ProductImageUpload> {
  const dataUrl = await new Promise<string>((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(file);
  });
  return {
    filename: file.name.slice(0, 120),
    contentType: file.type as ImageContentType,
    dataBase64: dataUrl.slice(dataUrl.indexOf(',') + 1),
  };
}
