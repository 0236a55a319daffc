import { escapeXml } from './svg-chart.js';

/** A section of the HTML report. */
export interface ReportSection {
  readonly title: string;
  /** Paragraphs of plain text. */
  readonly text?: readonly string[];
  /** Inline SVG documents. */
  readonly figures?: readonly string[];
  /** A table: header row then rows. */
  readonly table?: {
    readonly header: readonly string[];
    readonly rows: readonly (readonly (string | number)[])[];
  };
}

/** One self-contained HTML page (inline SVG, no scripts or external files). */
export function htmlReport(title: string, sections: readonly ReportSection[]): string {
  const body = sections
    .map((section) => {
      const text = (section.text ?? []).map((p) => `<p>${escapeXml(p)}</p>`).join('\n');
      const figures = (section.figures ?? [])
        .map((svg) => `<figure>${svg.replace(/^<\?xml[^>]*>/, '')}</figure>`)
        .join('\n');
      const table = section.table
        ? `<table><thead><tr>${section.table.header.map((h) => `<th>${escapeXml(h)}</th>`).join('')}</tr></thead><tbody>${section.table.rows
            .map((row) => `<tr>${row.map((c) => `<td>${escapeXml(String(c))}</td>`).join('')}</tr>`)
            .join('')}</tbody></table>`
        : '';
      return `<section><h2>${escapeXml(section.title)}</h2>\n${text}\n${table}\n${figures}</section>`;
    })
    .join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeXml(title)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:1100px;margin:2em auto;padding:0 1em;color:#222}
figure{margin:1em 0}table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:3px 8px;text-align:right}
th{background:#f3f3f3}h2{border-bottom:1px solid #ddd;padding-bottom:4px}</style></head>
<body><h1>${escapeXml(title)}</h1>
${body}
</body></html>
`;
}
