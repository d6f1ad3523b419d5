// The element suite (element-suite.mjs) in chromium.
import { suite } from './element-suite.mjs';

suite('chromium');
