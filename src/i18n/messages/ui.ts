// Messages of the ui area. Every key has en and zh-CN.
import { defineMessages } from '../catalog.js';

export const uiMessages = defineMessages({
});
