// Loaded into the tour with NODE_OPTIONS=--import, for the crash tests only: once the file
// named by IVOL_TEST_CRASH_TRIGGER exists, the tour crashes the way IVOL_TEST_CRASH says:
// `uncaught` throws from a timer (an uncaught exception), `rejection` rejects a promise that
// nobody handles. Other node processes (the fake tools inherit NODE_OPTIONS) are left alone.
// Test code only; never shipped.
import { existsSync } from 'node:fs';

const trigger = process.env.IVOL_TEST_CRASH_TRIGGER;
const how = process.env.IVOL_TEST_CRASH;
if (trigger && how && /ivol-tour\.js$/.test(process.argv[1] ?? '')) {
  const poll = () => {
    if (!existsSync(trigger)) {
      setTimeout(poll, 20).unref();
      return;
    }
    if (how === 'rejection') void Promise.reject(new Error('test crash: a promise nobody handled'));
    else throw new Error('test crash: an exception nobody caught');
  };
  setTimeout(poll, 20).unref();
}
