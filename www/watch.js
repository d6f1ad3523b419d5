// Test pages load this first (a classic script, before any module): it records what
// the page would not want to see, for the browser tests to read in any engine.
window.__seen = { violations: [], errors: [], rejections: [], events: [] };
document.addEventListener('securitypolicyviolation', (e) => window.__seen.violations.push(`${e.violatedDirective} ${e.blockedURI}`));
addEventListener('error', (e) => window.__seen.errors.push(String(e.message)));
addEventListener('unhandledrejection', (e) => window.__seen.rejections.push(String(e.reason && e.reason.message || e.reason)));
for (const type of ['statchart:error', 'statchart:warning', 'statchart:drawn']) {
  document.addEventListener(type, (e) => window.__seen.events.push({ type, id: e.target.id, detail: e.detail }), true);
}
