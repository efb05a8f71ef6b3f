import { MAX_IMAGE_BYTES, MAX_IMAGES_PER_PRODUCT } from '@siyu/shared';
import { describe, expect, it } from 'vitest';
import { toHttpError } from '../../providers/httpError';
import { checkImageFiles, uploadProblem } from './imageUpload';

const file = (name: string, type: string, size = 1000) => ({ name, type, size });

describe('checking picked image files in the browser', () => {
  it('accepts PNG, JPEG and WebP within the size limit', () => {
    const files = [file('a.png', 'image/png'), file('b.jpg', 'image/jpeg'), file('c.webp', 'image/webp')];
    const { accepted, refused } = checkImageFiles(files, 0);
    expect(accepted).toEqual(files);
    expect(refused).toEqual([]);
  });

  it('refuses other types and oversized files by name, and keeps the good ones', () => {
    const good = file('ok.png', 'image/png', MAX_IMAGE_BYTES);
    const { accepted, refused } = checkImageFiles(
      [
        file('notes.txt', 'text/plain'),
        file('anim.gif', 'image/gif'),
        file('big.png', 'image/png', MAX_IMAGE_BYTES + 1),
        good,
      ],
      0,
    );
    expect(accepted).toEqual([good]);
    expect(refused.map((p) => [p.name, p.message])).toEqual([
      ['notes.txt', 'resources.products.images.wrong_type'],
      ['anim.gif', 'resources.products.images.wrong_type'],
      ['big.png', 'resources.products.images.too_large'],
    ]);
    expect(refused[2]?.args).toMatchObject({ size: 701, maxKb: 700 });
  });

  it('takes only as many as the product still has room for', () => {
    const files = [file('1.png', 'image/png'), file('2.png', 'image/png'), file('3.png', 'image/png')];
    const { accepted, refused } = checkImageFiles(files, MAX_IMAGES_PER_PRODUCT - 2);
    expect(accepted.map((f) => f.name)).toEqual(['1.png', '2.png']);
    expect(refused).toEqual([
      expect.objectContaining({ name: '3.png', message: 'resources.products.images.too_many' }),
    ]);
  });
});

describe("the server's refusal of an upload", () => {
  const refusal = (status: number, code: string) =>
    toHttpError(status, { error: { code, message: 'x', requestId: 'r' } });

  it('names the file and the reason', () => {
    expect(uploadProblem('a.png', refusal(413, 'PAYLOAD_TOO_LARGE'))).toMatchObject({
      message: 'resources.products.images.failed',
      reason: 'resources.products.images.reason_too_large',
      args: { name: 'a.png' },
    });
    expect(uploadProblem('a.png', refusal(422, 'BUSINESS_RULE')).reason).toBe(
      'resources.products.images.reason_too_many',
    );
    expect(uploadProblem('a.png', refusal(400, 'VALIDATION_FAILED')).reason).toBe(
      'resources.products.images.reason_type',
    );
    expect(uploadProblem('a.png', refusal(500, 'INTERNAL')).reason).toBe('siyu.errors.INTERNAL');
  });
});
