// Shared building blocks for the Symphony dashboards: the data-source reference, variables, panel
// factories with one look, and a board that numbers panels and lays them out on the 24-column grid.
import * as bargauge from "@grafana/grafana-foundation-sdk/bargauge";
import * as common from "@grafana/grafana-foundation-sdk/common";
import * as dashboard from "@grafana/grafana-foundation-sdk/dashboard";
import * as prometheus from "@grafana/grafana-foundation-sdk/prometheus";
import * as stat from "@grafana/grafana-foundation-sdk/stat";
import * as timeseries from "@grafana/grafana-foundation-sdk/timeseries";

/** Every panel and query variable reads the Prometheus data source chosen by the `datasource` variable. */
export const DATASOURCE = { type: "prometheus", uid: "${datasource}" };

/** Tag shared by all Symphony dashboards; the dashboard links list them by it. */
export const SYMPHONY_TAG = "symphony";

export interface Query {
  expr: string;
  legend?: string;
  /** an instant query (one value per series), for bar gauges and tables */
  instant?: boolean;
}

export const q = (expr: string, legend?: string): Query => ({ expr, legend });

/** p50/p95/p99 (or any quantiles) of a Micrometer timer histogram, summed over the selected series. */
export function quantiles(histogram: string, selector: string, qs: number[], by: string[] = []): Query[] {
  const groups = ["le", ...by].join(", ");
  const prefix = by.length > 0 ? by.map((l) => `{{${l}}} `).join("") : "";
  return qs.map((quantile) => ({
    expr: `histogram_quantile(${quantile}, sum by (${groups}) (rate(${histogram}_bucket{${selector}}[$__rate_interval])))`,
    legend: `${prefix}p${Math.round(quantile * 100)}`,
  }));
}

/** The dashboard's `datasource` variable: any Prometheus data source, the default one first. */
export function datasourceVariable(): dashboard.DatasourceVariableBuilder {
  return new dashboard.DatasourceVariableBuilder("datasource").label("Data source").type("prometheus");
}

export interface QueryVariableOptions {
  label: string;
  query: string;
  description?: string;
  /** several values and an "All" entry matching every value (regex `.*`) */
  multi?: boolean;
}

export function queryVariable(name: string, options: QueryVariableOptions): dashboard.QueryVariableBuilder {
  const variable = new dashboard.QueryVariableBuilder(name)
    .label(options.label)
    .datasource(DATASOURCE)
    .query(options.query)
    .definition(options.query)
    .refresh(dashboard.VariableRefresh.OnTimeRangeChanged)
    .sort(dashboard.VariableSort.AlphabeticalAsc);
  if (options.description) variable.description(options.description);
  if (options.multi) {
    variable.multi(true).includeAll(true).allValue(".*").current({ selected: true, text: ["All"], value: ["$__all"] });
  } else {
    variable.multi(false).includeAll(false);
  }
  return variable;
}

export interface DashboardOptions {
  uid: string;
  title: string;
  description: string;
  tags: string[];
}

export function newDashboard(options: DashboardOptions): dashboard.DashboardBuilder {
  return new dashboard.DashboardBuilder(options.title)
    .uid(options.uid)
    .description(options.description)
    .tags([SYMPHONY_TAG, ...options.tags])
    .editable()
    .timezone("browser")
    .time({ from: "now-1h", to: "now" })
    .refresh("30s")
    .tooltip(dashboard.DashboardCursorSync.Crosshair)
    .annotation(
      // Grafana's own annotations and alerts, as in a dashboard saved from its UI
      new dashboard.AnnotationQueryBuilder()
        .name("Annotations & Alerts")
        .datasource({ type: "grafana", uid: "-- Grafana --" })
        .type("dashboard")
        .builtIn(1)
        .enable(true)
        .hide(true)
        .iconColor("rgba(0, 211, 255, 1)"),
    )
    .link(
      new dashboard.DashboardLinkBuilder("Symphony")
        .type(dashboard.DashboardLinkType.Dashboards)
        .tags([SYMPHONY_TAG])
        .asDropdown(true)
        .keepTime(true)
        .includeVars(false)
        .targetBlank(false),
    );
}

interface PanelOptions {
  title: string;
  description: string;
  unit: string;
  queries: Query[];
  /** width in grid columns (of 24) */
  w?: number;
  h?: number;
}

export interface TimeseriesOptions extends PanelOptions {
  stack?: boolean;
  min?: number;
  max?: number;
}

export interface StatOptions extends PanelOptions {
  /** how the stat reduces the series over the time range (default: the last value) */
  calc?: "lastNotNull" | "max" | "mean";
}

/**
 * Collects the panels of one dashboard: numbers them (rows included) from 1 in order, gives each target
 * refId A, B, ..., and lets the SDK place them left to right, top to bottom.
 */
export class Board {
  private nextId = 1;

  constructor(readonly builder: dashboard.DashboardBuilder) {}

  row(title: string): this {
    this.builder.withRow(new dashboard.RowBuilder(title).id(this.nextId++));
    return this;
  }

  timeseries(options: TimeseriesOptions): this {
    const panel = new timeseries.PanelBuilder()
      .lineWidth(1)
      .fillOpacity(options.stack ? 35 : 10)
      .showPoints(common.VisibilityMode.Never)
      .spanNulls(false)
      .legend(
        new common.VizLegendOptionsBuilder()
          .showLegend(true)
          .displayMode(common.LegendDisplayMode.List)
          .placement(common.LegendPlacement.Bottom),
      )
      .tooltip(new common.VizTooltipOptionsBuilder().mode(common.TooltipDisplayMode.Multi).sort(common.SortOrder.Descending));
    if (options.stack) panel.stacking(new common.StackingConfigBuilder().mode(common.StackingMode.Normal));
    if (options.min !== undefined) panel.min(options.min);
    if (options.max !== undefined) panel.max(options.max);
    this.add(panel, options, 12, 8);
    return this;
  }

  stat(options: StatOptions): this {
    const panel = new stat.PanelBuilder()
      .graphMode(common.BigValueGraphMode.Area)
      .colorMode(common.BigValueColorMode.Value)
      .reduceOptions(new common.ReduceDataOptionsBuilder().calcs([options.calc ?? "lastNotNull"]).values(false))
      .colorScheme(new dashboard.FieldColorBuilder().mode(dashboard.FieldColorModeId.Fixed).fixedColor("blue"));
    this.add(panel, options, 4, 4);
    return this;
  }

  /** Horizontal bars, one per series of an instant query: "top N" lists. */
  bars(options: PanelOptions): this {
    const panel = new bargauge.PanelBuilder()
      .orientation(common.VizOrientation.Horizontal)
      .displayMode(common.BarGaugeDisplayMode.Basic)
      .valueMode(common.BarGaugeValueMode.Text)
      .showUnfilled(true)
      .min(0)
      .reduceOptions(new common.ReduceDataOptionsBuilder().calcs(["lastNotNull"]).values(false))
      .colorScheme(new dashboard.FieldColorBuilder().mode(dashboard.FieldColorModeId.Fixed).fixedColor("blue"));
    this.add(panel, { ...options, queries: options.queries.map((query) => ({ ...query, instant: true })) }, 12, 8);
    return this;
  }

  private add(
    panel: timeseries.PanelBuilder | stat.PanelBuilder | bargauge.PanelBuilder,
    options: PanelOptions,
    w: number,
    h: number,
  ): void {
    panel
      .id(this.nextId++)
      .title(options.title)
      .description(options.description)
      .datasource(DATASOURCE)
      .unit(options.unit)
      .span(options.w ?? w)
      .height(options.h ?? h);
    options.queries.forEach((query, index) => {
      const target = new prometheus.DataqueryBuilder()
        .datasource(DATASOURCE)
        .refId(String.fromCharCode(65 + index))
        .expr(query.expr)
        .legendFormat(query.legend ?? "__auto")
        .editorMode(prometheus.QueryEditorMode.Code);
      if (query.instant) target.instant().format(prometheus.PromQueryFormat.TimeSeries);
      else target.range();
      panel.withTarget(target);
    });
    this.builder.withPanel(panel);
  }

  build(): dashboard.Dashboard {
    return this.builder.build();
  }
}
