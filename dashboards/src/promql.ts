// A small PromQL scanner: enough to find which metric names, label names and Grafana variables an
// expression uses. It does not evaluate anything; a real Prometheus does that in the live test.

export type TokenKind = "ident" | "string" | "number" | "var" | "punct" | "op";

export interface Token {
  kind: TokenKind;
  text: string;
}

const IDENT_START = /[a-zA-Z_:]/;
const IDENT_PART = /[a-zA-Z0-9_:]/;
const OPERATORS = ["=~", "!~", "!=", "==", "<=", ">=", "=", "<", ">", "+", "-", "*", "/", "%", "^", "@"];

/** Splits a PromQL expression (with Grafana variables in it) into tokens. Throws on text it cannot read. */
export function tokenize(expr: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < expr.length) {
    const c = expr[i];
    if (/\s/.test(c)) {
      i++;
    } else if (c === "#") {
      // comment to the end of the line
      while (i < expr.length && expr[i] !== "\n") i++;
    } else if (c === '"' || c === "'" || c === "`") {
      let j = i + 1;
      while (j < expr.length && expr[j] !== c) j += expr[j] === "\\" && c !== "`" ? 2 : 1;
      if (j >= expr.length) throw new Error(`unterminated string at ${i} in: ${expr}`);
      tokens.push({ kind: "string", text: expr.slice(i + 1, j) });
      i = j + 1;
    } else if (c === "$") {
      const m = /^\$(\{[a-zA-Z0-9_]+(:[^}]*)?\}|[a-zA-Z0-9_]+)/.exec(expr.slice(i));
      if (!m) throw new Error(`bad variable at ${i} in: ${expr}`);
      tokens.push({ kind: "var", text: m[0] });
      i += m[0].length;
    } else if (/[0-9.]/.test(c)) {
      // numbers, and durations such as 5m or 1h30m (letters after digits)
      const m = /^(0x[0-9a-fA-F]+|[0-9]*\.?[0-9]+([eE][-+]?[0-9]+)?([a-zA-Z]+[0-9]*)*)/.exec(expr.slice(i));
      if (!m || m[0].length === 0) throw new Error(`bad number at ${i} in: ${expr}`);
      tokens.push({ kind: "number", text: m[0] });
      i += m[0].length;
    } else if (IDENT_START.test(c)) {
      let j = i + 1;
      while (j < expr.length && IDENT_PART.test(expr[j])) j++;
      tokens.push({ kind: "ident", text: expr.slice(i, j) });
      i = j;
    } else if ("(){}[],".includes(c)) {
      tokens.push({ kind: "punct", text: c });
      i++;
    } else {
      const op = OPERATORS.find((o) => expr.startsWith(o, i));
      if (!op) throw new Error(`unexpected '${c}' at ${i} in: ${expr}`);
      tokens.push({ kind: "op", text: op });
      i += op.length;
    }
  }
  return tokens;
}

const GROUPING = new Set(["by", "without", "on", "ignoring", "group_left", "group_right"]);
const AGGREGATIONS = new Set([
  "sum", "min", "max", "avg", "group", "stddev", "stdvar", "count", "count_values",
  "bottomk", "topk", "quantile", "limitk", "limit_ratio",
]);
const KEYWORDS = new Set(["and", "or", "unless", "bool", "offset", "atan2", "inf", "nan", "Inf", "NaN"]);

export interface Analysis {
  /** metric (series) names the expression selects */
  metrics: string[];
  /** label names it matches on or groups by */
  labels: string[];
  /** label matchers with a fixed value (`name="value"`), per metric: `metric` is "" for bare `{...}` */
  equalities: { metric: string; label: string; value: string }[];
  /** Grafana variables it references, without `$`/`${}` (built-ins such as `__rate_interval` included) */
  variables: string[];
}

/** Grafana variable references in any text: `$name`, `${name}`, `${name:format}`, `[[name]]`. */
export function variableRefs(text: string): string[] {
  const found = new Set<string>();
  const re = /\$\{([a-zA-Z0-9_]+)(?::[^}]*)?\}|\$([a-zA-Z0-9_]+)|\[\[([a-zA-Z0-9_]+)(?::[^\]]*)?\]\]/g;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) found.add(m[1] ?? m[2] ?? m[3]);
  return [...found].sort();
}

export function analyze(expr: string): Analysis {
  const tokens = tokenize(expr);
  const metrics = new Set<string>();
  const labels = new Set<string>();
  const equalities: Analysis["equalities"] = [];
  const depth = { paren: 0, brace: 0, bracket: 0 };
  let lastMetric = "";
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    const next = tokens[i + 1];
    if (t.kind === "punct") {
      if (t.text === "(") depth.paren++;
      else if (t.text === ")") depth.paren--;
      else if (t.text === "{") {
        depth.brace++;
        const prev = tokens[i - 1];
        if (!(prev && prev.kind === "ident" && metrics.has(prev.text))) lastMetric = "";
      } else if (t.text === "}") depth.brace--;
      else if (t.text === "[") depth.bracket++;
      else if (t.text === "]") depth.bracket--;
      if (depth.paren < 0 || depth.brace < 0 || depth.bracket < 0) throw new Error(`unbalanced '${t.text}' in: ${expr}`);
      continue;
    }
    if (t.kind !== "ident" || depth.bracket > 0) continue;
    if (depth.brace > 0) {
      // a label matcher: name op "value"
      if (next?.kind !== "op" || !["=", "!=", "=~", "!~"].includes(next.text)) {
        throw new Error(`expected a label matcher after '${t.text}' in: ${expr}`);
      }
      labels.add(t.text);
      const value = tokens[i + 2];
      if (next.text === "=" && value?.kind === "string") equalities.push({ metric: lastMetric, label: t.text, value: value.text });
      i += 2;
      continue;
    }
    if (GROUPING.has(t.text) && next?.kind === "punct" && next.text === "(") {
      let j = i + 2;
      for (; j < tokens.length && !(tokens[j].kind === "punct" && tokens[j].text === ")"); j++) {
        if (tokens[j].kind === "ident") labels.add(tokens[j].text);
        else if (!(tokens[j].kind === "punct" && tokens[j].text === ",")) {
          throw new Error(`unexpected '${tokens[j].text}' in a label list in: ${expr}`);
        }
      }
      if (j >= tokens.length) throw new Error(`unterminated label list in: ${expr}`);
      i = j;
      continue;
    }
    if (next?.kind === "punct" && next.text === "(") continue; // a function or an aggregation
    if (AGGREGATIONS.has(t.text) && next?.kind === "ident" && (next.text === "by" || next.text === "without")) continue;
    if (KEYWORDS.has(t.text) || GROUPING.has(t.text)) continue;
    metrics.add(t.text);
    lastMetric = t.text;
  }
  if (depth.paren !== 0 || depth.brace !== 0 || depth.bracket !== 0) throw new Error(`unbalanced brackets in: ${expr}`);
  return {
    metrics: [...metrics].sort(),
    labels: [...labels].sort(),
    equalities,
    variables: variableRefs(expr),
  };
}

/**
 * Analyzes the query of a Grafana Prometheus query variable: `label_values(selector, label)`,
 * `label_values(label)`, `query_result(expr)`, `label_names()` or `metrics(regex)`.
 */
export function analyzeVariableQuery(query: string): Analysis {
  const text = query.trim();
  const variables = variableRefs(text);
  const labelValues = /^label_values\(\s*(?:(.*),\s*)?([a-zA-Z_][a-zA-Z0-9_]*)\s*\)$/s.exec(text);
  if (labelValues) {
    const selector = labelValues[1] ? analyze(labelValues[1]) : undefined;
    const labels = new Set([...(selector?.labels ?? []), labelValues[2]]);
    return {
      metrics: selector?.metrics ?? [],
      labels: [...labels].sort(),
      equalities: selector?.equalities ?? [],
      variables,
    };
  }
  const queryResult = /^query_result\((.*)\)$/s.exec(text);
  if (queryResult) return { ...analyze(queryResult[1]), variables };
  if (/^(label_names\(.*\)|metrics\(.*\))$/s.test(text)) return { metrics: [], labels: [], equalities: [], variables };
  throw new Error(`unsupported variable query: ${query}`);
}
