import { describe, expect, it } from 'vitest';
import { createLimiter } from '../../../../shared/inventory/live/pool.js';

const tick = () => new Promise<void>((resolve) => setTimeout(resolve, 1));

describe('createLimiter', () => {
  it('never runs more tasks at once than the limit', async () => {
    // Prepare
    const limit = createLimiter(3);
    let running = 0;
    let peak = 0;
    const task = async (value: number) => {
      running++;
      peak = Math.max(peak, running);
      await tick();
      running--;
      return value * 2;
    };

    // Act
    const results = await Promise.all(Array.from({ length: 10 }, (_, i) => limit(() => task(i))));

    // Assess
    expect(peak).toBe(3);
    expect(results).toEqual([0, 2, 4, 6, 8, 10, 12, 14, 16, 18]);
  });

  it('frees the slot of a failed task so the others still run', async () => {
    // Prepare
    const limit = createLimiter(1);

    // Act
    const failing = limit(async () => {
      throw new Error('Throttling');
    });
    const next = limit(async () => 'done');

    // Assess
    await expect(failing).rejects.toThrow('Throttling');
    await expect(next).resolves.toBe('done');
  });
});
