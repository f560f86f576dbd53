import { onCleanup, onMount } from 'solid-js';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { Report } from './reports.data.ts';

/** Reach and engagements over time (uPlot), one point per poll. */
export function ReportChart(props: { series: Report['series'] }) {
  let host!: HTMLDivElement;
  let plot: uPlot | undefined;
  onMount(() => {
    const data: uPlot.AlignedData = [
      props.series.map((p) => Date.parse(p.at) / 1000),
      props.series.map((p) => p.reach),
      props.series.map((p) => p.engagements),
    ];
    const width = () => Math.max(320, host.clientWidth || 720);
    plot = new uPlot(
      {
        title: 'Reach and engagements over time',
        width: width(),
        height: 280,
        series: [
          {},
          { label: 'Reach', stroke: '#2563eb', width: 2, scale: 'reach' },
          { label: 'Engagements', stroke: '#d97706', width: 2, scale: 'eng' },
        ],
        axes: [
          {},
          { scale: 'reach', label: 'Reach' },
          { scale: 'eng', side: 1, label: 'Engagements', grid: { show: false } },
        ],
      },
      data,
      host,
    );
    const resize = () => plot?.setSize({ width: width(), height: 280 });
    window.addEventListener('resize', resize);
    onCleanup(() => {
      window.removeEventListener('resize', resize);
      plot?.destroy();
    });
  });
  return <div class="report-chart" ref={host} role="img" aria-label="Reach and engagements over time" />;
}
