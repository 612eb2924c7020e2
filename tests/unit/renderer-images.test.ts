import { describe, expect, it } from 'vitest';
import { imageUrl, pickImageWidth, safeColour } from '../../src/renderer/api/images';

describe('image size choice', () => {
  it('takes the smallest server width that covers the CSS size times the pixel ratio', () => {
    expect(pickImageWidth(150, 1)).toBe(160);
    expect(pickImageWidth(160, 1)).toBe(160);
    expect(pickImageWidth(161, 1)).toBe(320);
    expect(pickImageWidth(150, 2)).toBe(320);
    expect(pickImageWidth(272, 1.5)).toBe(480);
    expect(pickImageWidth(1280, 1)).toBe(1280);
    expect(pickImageWidth(1366, 1)).toBe(1920);
  });

  it('never asks for more than the largest width, nor trips over odd inputs', () => {
    expect(pickImageWidth(3840, 2)).toBe(1920);
    expect(pickImageWidth(0, 1)).toBe(160);
    expect(pickImageWidth(-5, 1)).toBe(160);
    expect(pickImageWidth(200, Number.NaN)).toBe(320);
    expect(pickImageWidth(200, 0)).toBe(320);
  });

  it('appends the width to the DTO path, and gives null when there is no image', () => {
    expect(imageUrl('/img/abc', 150, 1)).toBe('/img/abc?w=160');
    expect(imageUrl('/img/abc?v=2', 300, 1)).toBe('/img/abc?v=2&w=320');
    expect(imageUrl(null, 150, 1)).toBeNull();
    expect(imageUrl('', 150, 1)).toBeNull();
  });

  it('accepts only plain #rrggbb placeholder colours from metadata', () => {
    expect(safeColour('#1a2B3c')).toBe('#1a2B3c');
    expect(safeColour('red')).toBeNull();
    expect(safeColour('#fff')).toBeNull();
    expect(safeColour('#123456; background: url(x)')).toBeNull();
    expect(safeColour(null)).toBeNull();
  });
});
