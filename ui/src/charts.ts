// Charts with Apache ECharts (tree-shaken, SVG renderer so they stay sharp and readable
// by tests), always next to a data table with the same numbers for screen readers.
import * as echarts from "echarts/core";
import { BarChart } from "echarts/charts";
import { GridComponent, TooltipComponent, AriaComponent, TitleComponent } from "echarts/components";
import { SVGRenderer } from "echarts/renderers";
import langJA from "echarts/lib/i18n/langJA.js";
import { SUPPRESSED } from "./format";

echarts.use([BarChart, GridComponent, TooltipComponent, AriaComponent, TitleComponent, SVGRenderer]);
// ECharts' own texts (aria descriptions, tooltips) in Japanese: the tree-shaken core has only
// English and Chinese built in, so the Japanese locale is registered here under its name "JA".
echarts.registerLocale("JA", langJA);

export interface Bar {
  label: string;
  value: number | null; // null = suppressed
}

const BLUE = "#0031d8"; // --color-primitive-blue-800
const GRAY = "#b4b4b4";

const live: echarts.ECharts[] = [];
window.addEventListener("resize", () => live.forEach((c) => c.resize()));

export function disposeCharts(): void {
  while (live.length) live.pop()?.dispose();
}

export function barChart(el: HTMLElement, title: string, bars: Bar[], unit: "count" | "share" | "score" | "ratio"): void {
  const height = Math.max(160, bars.length * 26 + 50);
  el.style.height = `${height}px`;
  const chart = echarts.init(el, undefined, { renderer: "svg", locale: "JA" });
  live.push(chart);
  const fmt = (v: number) =>
    unit === "share" ? `${(v * 100).toFixed(1)}%` : unit === "score" ? v.toFixed(2) : unit === "ratio" ? `${v.toFixed(2)}倍` : v.toLocaleString("ja-JP");
  chart.setOption({
    aria: { enabled: true, label: { description: `${title}の棒グラフ。数値は下の表にもあります。` } },
    animation: false,
    textStyle: { fontFamily: "'Noto Sans JP', 'Noto Sans CJK JP', sans-serif" },
    grid: { left: 8, right: 64, top: 8, bottom: 8, containLabel: true },
    tooltip: { trigger: "axis", axisPointer: { type: "shadow" } },
    xAxis: { type: "value", axisLabel: { formatter: (v: number) => fmt(v) } },
    yAxis: {
      type: "category",
      inverse: true,
      data: bars.map((b) => b.label),
      axisLabel: { width: 180, overflow: "truncate", color: "#1a1a1a" },
    },
    series: [
      {
        type: "bar",
        barMaxWidth: 18,
        data: bars.map((b) => ({
          value: b.value ?? 0,
          itemStyle: { color: b.value === null ? GRAY : BLUE },
          label: {
            show: true,
            position: "right",
            color: "#1a1a1a",
            formatter: () => (b.value === null ? SUPPRESSED : fmt(b.value)),
          },
        })),
      },
    ],
  });
}
