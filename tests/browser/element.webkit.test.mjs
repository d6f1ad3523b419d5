// The element suite (element-suite.mjs) in webkit.
import { suite } from './element-suite.mjs';

suite('webkit');
