// <stat-chart> as React 19 users write it: properties from props, a keyed list that
// re-orders, an inline JSON child that changes, events through a ref.
import { StrictMode, useEffect, useRef, useState } from 'react';
import { createRoot } from 'react-dom/client';
import type { ChartSpec } from 'statchart';
import 'statchart/stat-chart.js';
import type {} from 'statchart/react';

const nps = (promoters: number, title: string) => ({
  type: 'nps',
  view: 'breakdown',
  title,
  subtitle: 'Illustrative figures for a fictional training centre',
  data: { promoters, passives: 300, detractors: 1000 - 300 - promoters },
}) satisfies ChartSpec;

function App() {
  const [promoters, setPromoters] = useState(500);
  const [order, setOrder] = useState(['a', 'b']);
  const [inline, setInline] = useState(24);
  const [drawn, setDrawn] = useState(0);
  const ref = useRef<HTMLElementTagNameMap['stat-chart']>(null);
  useEffect(() => {
    const el = ref.current!;
    const count = () => setDrawn((n) => n + 1);
    el.addEventListener('statchart:drawn', count);
    return () => el.removeEventListener('statchart:drawn', count);
  }, []);
  const charts: Record<string, ChartSpec> = {
    a: nps(promoters, 'Chart A'),
    b: { type: 'kpi', title: 'Chart B', data: { value: 114, label: 'training institutions' } },
  };
  return (
    <main>
      <button id="next" onClick={() => setPromoters((p) => p + 100)}>Next figures</button>
      <button id="reorder" onClick={() => setOrder((o) => [...o].reverse())}>Reorder</button>
      <button id="inline-next" onClick={() => setInline((v) => v + 1)}>Change inline</button>
      <p id="drawn">{drawn}</p>
      {order.map((key) => (
        <stat-chart key={key} id={`chart-${key}`} spec={charts[key]} refresh={60} ref={key === 'a' ? ref : undefined} />
      ))}
      <stat-chart id="inline" locale="en-US">
        <script type="application/json">{JSON.stringify({ type: 'employment', title: 'Inline child', data: { rate: inline } })}</script>
      </stat-chart>
    </main>
  );
}

createRoot(document.getElementById('root')!).render(<StrictMode><App /></StrictMode>);
document.body.dataset.ready = 'true';
