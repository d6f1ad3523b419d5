// The element suite (element-suite.mjs) in firefox.
import { suite } from './element-suite.mjs';

suite('firefox');
