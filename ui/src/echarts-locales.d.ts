// ECharts ships its locale objects as ES modules without declarations.
declare module "echarts/lib/i18n/langJA.js" {
  const lang: Parameters<typeof import("echarts/core").registerLocale>[1];
  export default lang;
}
