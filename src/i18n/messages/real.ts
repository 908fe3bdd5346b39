// Messages of the real area. Every key has en and zh-CN.
import { defineMessages } from '../catalog.js';

export const realMessages = defineMessages({
});
