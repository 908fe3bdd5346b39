// Messages of the loader area. Every key has en and zh-CN.
import { defineMessages } from '../catalog.js';

export const loaderMessages = defineMessages({
});
