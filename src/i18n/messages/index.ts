// Every area's messages in one object: the catalog `t()` reads (../index.ts) and the source of
// the MessageKey type (../types.ts). A new area file is added here, once.
import { coreMessages } from './core.js';
import { lifecycleMessages } from './lifecycle.js';
import { loaderMessages } from './loader.js';
import { readingMessages } from './reading.js';
import { realMessages } from './real.js';
import { registryMessages } from './registry.js';
import { roomMessages } from './room.js';
import { roomWatchMessages } from './room-watch.js';
import { screenMessages } from './screen.js';
import { shellMessages } from './shell.js';
import { simMessages } from './sim.js';
import { trustMessages } from './trust.js';
import { uiMessages } from './ui.js';

/** The areas, by name; no two share a key (test/i18n-keys.test.ts). */
export const messageAreas = {
  core: coreMessages,
  lifecycle: lifecycleMessages,
  loader: loaderMessages,
  reading: readingMessages,
  real: realMessages,
  registry: registryMessages,
  room: roomMessages,
  roomWatch: roomWatchMessages,
  screen: screenMessages,
  shell: shellMessages,
  sim: simMessages,
  trust: trustMessages,
  ui: uiMessages,
};

export const messages = {
  ...coreMessages,
  ...lifecycleMessages,
  ...loaderMessages,
  ...readingMessages,
  ...realMessages,
  ...registryMessages,
  ...roomMessages,
  ...roomWatchMessages,
  ...screenMessages,
  ...shellMessages,
  ...simMessages,
  ...trustMessages,
  ...uiMessages,
};
