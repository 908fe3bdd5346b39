import { it } from 'vitest';
import { renderTour, tick, KEYS } from './helpers/ui.js';
it('twice', async () => {
  const a = renderTour();
  await tick(100);
  await a.press('j');
  await a.press(KEYS.up);
  await a.press(KEYS.up);
  console.log('A', a.frame().slice(0, 100));
  await a.unmount();
  const b = renderTour();
  await tick(200);
  console.log('B', JSON.stringify(b.frame().slice(0, 200)));
  await b.unmount();
});
