// Messages of the shell area. Every key has en and zh-CN.
import { defineMessages } from '../catalog.js';

export const shellMessages = defineMessages({
});
