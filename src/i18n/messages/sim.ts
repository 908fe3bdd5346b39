// Messages of the sim area. Every key has en and zh-CN.
import { defineMessages } from '../catalog.js';

export const simMessages = defineMessages({
});
