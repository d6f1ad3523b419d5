// strict.html's one script (a file, as a strict policy wants): loads the element, or
// for the tests' cannot-run cases the package without its wasm (?pkg=broken) or the
// element in a browser without WebAssembly (?no-webassembly).
const params = new URLSearchParams(location.search);
if (params.has('no-webassembly')) delete globalThis.WebAssembly;
await import(params.get('pkg') === 'broken' ? '/broken-pkg/stat-chart.js' : '/pkg/stat-chart.js');
