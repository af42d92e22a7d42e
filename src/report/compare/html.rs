//! The `html` format: one self-contained HTML5 page that opens in a browser from disk.
//!
//! Layout: a title, the summary, a legend and a list of the measures; then per measure a
//! `<section>` with a dot-and-range plot (inline SVG) of every listed article claim against the
//! literature's figures, and under it the claims table, the literature table and the
//! contradictions.
//!
//! The plot: a horizontal axis with ticks and the unit (0–100 for percentages, a log scale for
//! times, "nice" linear ticks otherwise); one row per article claim — a dot for a point, a line
//! with end caps for a range, a dot with an arrow for a bound, hollow when approximate, red when
//! an outlier, a grey note when the claim has no number; one row per literature figure, a blue
//! diamond (two joined diamonds for a range) labelled by its citation, linking to PubMed; the
//! literature's range as a shaded band. Every mark is a `<g class="mark …">` with a `<title>`
//! tooltip, so a test can count them.
//!
//! Self-contained means: inline CSS, no script, no external font, image, stylesheet or script;
//! the only URLs are `<a href>` links to PubMed records. Every piece of text is escaped. The output
//! is deterministic (no timestamps).

use std::fmt::Write as _;
use std::io;

use super::{
    cited_by_text, count, flags, measure_meta, n_text, omitted_text, span_text, summary_text,
    time_point_text, value_text,
};
use crate::model::{
    interval_in, ArticleClaim, CompareReport, LiteratureFigure, MeasureGroup, Unit,
};
use crate::report::{fmt_num, tolerance_text, visible};

/// The plot's width in SVG units (and CSS pixels at 100%).
const WIDTH: f64 = 960.0;
/// Right edge of the row labels.
const LABEL_RIGHT: f64 = 290.0;
/// The plot area's left and right edges.
const X0: f64 = 310.0;
const X1: f64 = 935.0;
/// Height of one row.
const ROW: f64 = 26.0;
/// Height of a group heading row ("Articles", "Literature").
const HEADING: f64 = 22.0;
/// Labels longer than this many characters are shortened with "…" (the full text is in the
/// tooltip).
const LABEL_CHARS: usize = 40;

const CSS: &str = r#"
:root { --ink: #1f2933; --muted: #5f6b76; --claim: #37474f; --outlier: #c62828;
        --lit: #1565c0; --rule: #d9dee3; --band: rgba(21, 101, 192, 0.10); }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, Helvetica,
       Arial, sans-serif; color: var(--ink); background: #f6f7f9; }
header, main, footer { max-width: 1000px; margin: 0 auto; padding: 0 20px; }
header { padding-top: 24px; }
h1 { font-size: 26px; margin: 0 0 6px; }
h2 { font-size: 20px; margin: 0 0 2px; }
.summary { font-size: 16px; margin: 0 0 12px; }
.meta, .omitted, footer { color: var(--muted); }
.meta { margin: 0 0 10px; }
code { font: 13px ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; }
nav ol { columns: 2; padding-left: 22px; margin: 8px 0 18px; }
nav a { color: var(--lit); }
section.measure { background: #fff; border: 1px solid var(--rule); border-radius: 8px;
                  padding: 16px 18px; margin: 0 0 22px; }
svg { display: block; max-width: 100%; height: auto; }
svg text { font: 12.5px system-ui, -apple-system, "Segoe UI", Roboto, Helvetica, Arial,
           sans-serif; fill: var(--ink); }
svg .label { fill: var(--ink); }
svg .group { font-weight: 600; fill: var(--muted); text-transform: uppercase;
             letter-spacing: 0.06em; font-size: 11px; }
svg .value { fill: var(--muted); font-size: 11.5px; }
svg .note { fill: var(--muted); font-style: italic; }
svg .grid { stroke: var(--rule); stroke-width: 1; }
svg .axis { stroke: var(--muted); stroke-width: 1.2; }
svg .tick { fill: var(--muted); font-size: 11.5px; }
svg .unit { fill: var(--muted); font-size: 12px; font-weight: 600; }
svg .stripe { fill: #f3f5f7; }
svg .band { fill: var(--band); }
g.claim .shape { fill: var(--claim); stroke: var(--claim); }
g.claim.outlier .shape { fill: var(--outlier); stroke: var(--outlier); }
g.claim.outlier .value { fill: var(--outlier); font-weight: 600; }
g.lit .shape { fill: var(--lit); stroke: var(--lit); }
g.lit .value { fill: var(--lit); }
g.approx circle.shape, g.approx polygon.diamond { fill: #fff; }
g .line { stroke-width: 2.5; fill: none; }
g .cap { stroke-width: 2; }
g circle.shape, g polygon.diamond { stroke-width: 2; }
g.approx .line { stroke-dasharray: 5 3; }
a text.label { fill: var(--lit); text-decoration: underline; }
.legend { margin: 4px 0 12px; }
table { border-collapse: collapse; width: 100%; margin: 12px 0 4px; font-size: 13.5px; }
th, td { border-bottom: 1px solid var(--rule); padding: 5px 8px; text-align: left;
         vertical-align: top; }
th { background: #eef1f4; font-weight: 600; }
td.num { white-space: nowrap; }
tr.outlier td.flags { color: var(--outlier); font-weight: 600; }
caption { text-align: left; font-weight: 600; padding: 6px 0; }
ul.contradictions { margin: 8px 0 0; padding-left: 20px; }
ul.contradictions li { color: var(--outlier); }
footer { font-size: 13px; padding-bottom: 30px; }
"#;

/// Writes the HTML page.
pub(super) fn render(report: &CompareReport, out: &mut dyn io::Write) -> io::Result<()> {
    out.write_all(page(report).as_bytes())
}

fn page(report: &CompareReport) -> String {
    let mut h = String::new();
    let title = format!(
        "claimcheck compare: {}, {}",
        count(report.articles, "article", "articles"),
        count(report.measures.len(), "measure", "measures")
    );
    // `write!` into a String cannot fail; the results are ignored on purpose.
    let _ = write!(
        h,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{}</title>\n<style>{CSS}</style>\n</head>\n<body>\n<header>\n\
         <h1>Claims compared across articles</h1>\n<p class=\"summary\">{}.</p>\n",
        esc(&title),
        esc(&summary_text(report))
    );
    h.push_str(&legend());
    if !report.measures.is_empty() {
        h.push_str("<nav><ol>\n");
        for m in &report.measures {
            let _ = writeln!(
                h,
                "<li><a href=\"#{}\">{}</a> ({}{})</li>",
                anchor(&m.key),
                esc(&m.label),
                count(m.claims_total, "claim", "claims"),
                if m.outliers > 0 {
                    format!(", {}", count(m.outliers, "outlier", "outliers"))
                } else {
                    String::new()
                }
            );
        }
        h.push_str("</ol></nav>\n");
    }
    h.push_str("</header>\n<main>\n");
    for m in &report.measures {
        section(&mut h, m, report.row_limit);
    }
    let _ = write!(
        h,
        "</main>\n<footer><p>Made by claimcheck compare. An outlier is a claim that lies outside \
         the range of every literature figure for its measure by more than the tolerance ({}); \
         two articles contradict each other when their claims are that far apart. Each measure \
         lists at most {} claims. Literature figures link to their PubMed records.</p></footer>\n\
         </body>\n</html>\n",
        esc(&tolerance_text(&report.tolerance)),
        report.row_limit
    );
    h
}

/// The legend: one example of every kind of mark (not counted as marks).
fn legend() -> String {
    let mut s = String::from(
        "<svg class=\"legend\" width=\"960\" height=\"34\" viewBox=\"0 0 960 34\" role=\"img\" \
         aria-label=\"legend\">\n",
    );
    let y = 17.0;
    let items: [(&str, f64, &str); 7] = [
        ("claim", 10.0, "point"),
        ("claim", 100.0, "range"),
        ("claim approx", 205.0, "approximate"),
        ("claim", 340.0, "bound (at least)"),
        ("claim outlier", 495.0, "outlier"),
        ("lit", 590.0, "literature figure"),
        ("band", 740.0, "literature range"),
    ];
    for (class, x, text) in items {
        let _ = write!(s, "<g class=\"key {class}\">");
        match text {
            "range" => s.push_str(&range_shape(x, x + 34.0, y)),
            "bound (at least)" => s.push_str(&bound_shape(x, x + 34.0, y)),
            "literature figure" => s.push_str(&diamond(x + 6.0, y)),
            "literature range" => {
                let _ = write!(
                    s,
                    "<rect class=\"band\" x=\"{x}\" y=\"{}\" width=\"28\" height=\"18\"/>",
                    y - 9.0
                );
            }
            _ => s.push_str(&dot(x + 6.0, y)),
        }
        let label_x = match text {
            "range" | "bound (at least)" => x + 44.0,
            "literature range" => x + 36.0,
            _ => x + 18.0,
        };
        let _ = writeln!(
            s,
            "<text class=\"label\" x=\"{label_x}\" y=\"{}\">{text}</text></g>",
            y + 4.0
        );
    }
    s.push_str("</svg>\n");
    s
}

fn section(h: &mut String, m: &MeasureGroup, row_limit: usize) {
    let _ = write!(
        h,
        "<section class=\"measure\" id=\"{}\">\n<h2>{}</h2>\n<p class=\"meta\"><code>{}</code> · {}</p>\n",
        anchor(&m.key),
        esc(&m.label),
        esc(&m.key),
        esc(&measure_meta(m))
    );
    h.push_str(&plot(m));
    if let Some(text) = omitted_text(m, row_limit) {
        let _ = writeln!(h, "<p class=\"omitted\">Omitted: {}.</p>", esc(&text));
    }
    claims_table(h, m);
    literature_table(h, m);
    if !m.contradictions.is_empty() {
        h.push_str("<ul class=\"contradictions\">\n");
        for c in &m.contradictions {
            let _ = writeln!(h, "<li>Contradiction: {}</li>", esc(&c.note));
        }
        h.push_str("</ul>\n");
    }
    h.push_str("</section>\n");
}

fn claims_table(h: &mut String, m: &MeasureGroup) {
    if m.claims.is_empty() {
        return;
    }
    h.push_str(
        "<table class=\"claims\">\n<caption>Articles</caption>\n<thead><tr><th>Article</th>\
         <th>Line:col</th><th>Value</th><th>Quote</th><th>Flags</th></tr></thead>\n<tbody>\n",
    );
    for c in &m.claims {
        let _ = writeln!(
            h,
            "<tr{}><td>{}</td><td class=\"num\">{}:{}</td><td class=\"num\">{}</td>\
             <td>“{}”</td><td class=\"flags\">{}</td></tr>",
            if c.outlier { " class=\"outlier\"" } else { "" },
            esc(&c.article),
            c.location.line,
            c.location.column,
            esc(&value_text(&c.value)),
            esc(&c.quote),
            esc(&flags(c).join(", "))
        );
    }
    h.push_str("</tbody>\n</table>\n");
}

fn literature_table(h: &mut String, m: &MeasureGroup) {
    if m.literature.is_empty() {
        return;
    }
    h.push_str(
        "<table class=\"literature\">\n<caption>Literature</caption>\n<thead><tr><th>PMID</th>\
         <th>Study</th><th>Value</th><th>Sentence</th><th>Cited by</th></tr></thead>\n<tbody>\n",
    );
    for f in &m.literature {
        let study = [f.citation.as_str(), f.design.as_str(), &n_text(f)]
            .into_iter()
            .filter(|s| !s.is_empty())
            .map(esc)
            .collect::<Vec<_>>()
            .join("<br>");
        let _ = writeln!(
            h,
            "<tr><td class=\"num\"><a href=\"{}\">{}</a></td><td>{study}</td>\
             <td class=\"num\">{}<br>{}</td><td>“{}”</td><td>{}</td></tr>",
            pubmed_url(f.pmid),
            f.pmid,
            esc(&value_text(&f.value)),
            esc(&time_point_text(f)),
            esc(&f.sentence),
            esc(&cited_by_text(f))
        );
    }
    h.push_str("</tbody>\n</table>\n");
}

/// One row of the plot.
enum Row<'a> {
    Heading(&'static str),
    Claim(&'a ArticleClaim),
    Literature(&'a LiteratureFigure),
    Note(String),
}

impl Row<'_> {
    fn height(&self) -> f64 {
        match self {
            Row::Heading(_) => HEADING,
            _ => ROW,
        }
    }
}

/// The dot-and-range plot of one measure.
fn plot(m: &MeasureGroup) -> String {
    let mut rows = Vec::new();
    if !m.claims.is_empty() || m.claims_omitted > 0 {
        rows.push(Row::Heading("Articles"));
        rows.extend(m.claims.iter().map(Row::Claim));
        if m.claims_omitted > 0 {
            rows.push(Row::Note(format!(
                "+ {} not drawn",
                count(m.claims_omitted, "more claim", "more claims")
            )));
        }
    }
    if !m.literature.is_empty() {
        rows.push(Row::Heading("Literature (PubMed)"));
        rows.extend(m.literature.iter().map(Row::Literature));
    }
    let scale = Scale::for_measure(m);
    let top = 6.0;
    let rows_height: f64 = rows.iter().map(Row::height).sum();
    let axis_y = top + rows_height + 6.0;
    let height = axis_y + 42.0;

    let mut s = String::new();
    let _ = writeln!(
        s,
        "<svg class=\"plot\" data-measure=\"{}\" width=\"{WIDTH}\" height=\"{height}\" \
         viewBox=\"0 0 {WIDTH} {height}\" role=\"img\" aria-label=\"{}\">",
        esc(&m.key),
        esc(&format!("{}: {}", m.label, measure_meta(m)))
    );
    // Zebra stripes behind data rows, then grid lines, then the literature band, then marks: the
    // order is the paint order.
    let mut y = top;
    for (i, row) in rows.iter().enumerate() {
        if !matches!(row, Row::Heading(_)) && i % 2 == 0 {
            let _ = writeln!(
                s,
                "<rect class=\"stripe\" x=\"0\" y=\"{}\" width=\"{WIDTH}\" height=\"{ROW}\"/>",
                r(y)
            );
        }
        y += row.height();
    }
    let ticks = scale.ticks();
    for (v, _) in &ticks {
        let x = r(scale.x(*v));
        let _ = writeln!(
            s,
            "<line class=\"grid\" x1=\"{x}\" y1=\"{top}\" x2=\"{x}\" y2=\"{}\"/>",
            r(axis_y)
        );
    }
    if let Some((lo, hi)) = m.literature_span {
        let (xa, xb) = (scale.x(lo), scale.x(hi));
        let _ = writeln!(
            s,
            "<rect class=\"band\" x=\"{}\" y=\"{top}\" width=\"{}\" height=\"{}\">\
             <title>literature range: {}</title></rect>",
            r(xa - 3.0),
            r((xb - xa) + 6.0),
            r(axis_y - top),
            esc(&span_text((lo, hi), m.unit))
        );
    }
    let mut y = top;
    for row in &rows {
        let mid = y + row.height() / 2.0;
        match row {
            Row::Heading(text) => {
                let _ = writeln!(
                    s,
                    "<text class=\"group\" x=\"8\" y=\"{}\">{text}</text>",
                    r(mid + 4.0)
                );
            }
            Row::Claim(c) => {
                s.push_str(&claim_label(c, mid));
                s.push_str(&claim_mark(c, m.unit, &scale, mid));
            }
            Row::Literature(f) => {
                s.push_str(&literature_label(f, mid));
                s.push_str(&literature_mark(f, m.unit, &scale, mid));
            }
            Row::Note(text) => {
                let _ = writeln!(
                    s,
                    "<text class=\"note\" x=\"{X0}\" y=\"{}\">{}</text>",
                    r(mid + 4.0),
                    esc(text)
                );
            }
        }
        y += row.height();
    }
    // The axis.
    let _ = writeln!(
        s,
        "<line class=\"axis\" x1=\"{X0}\" y1=\"{0}\" x2=\"{X1}\" y2=\"{0}\"/>",
        r(axis_y)
    );
    for (v, label) in &ticks {
        let x = r(scale.x(*v));
        let _ = writeln!(
            s,
            "<line class=\"axis\" x1=\"{x}\" y1=\"{}\" x2=\"{x}\" y2=\"{}\"/>\
             <text class=\"tick\" x=\"{x}\" y=\"{}\" text-anchor=\"middle\">{}</text>",
            r(axis_y),
            r(axis_y + 5.0),
            r(axis_y + 18.0),
            esc(label)
        );
    }
    let _ = writeln!(
        s,
        "<text class=\"unit\" x=\"{}\" y=\"{}\" text-anchor=\"middle\">{}</text>",
        r((X0 + X1) / 2.0),
        r(axis_y + 36.0),
        esc(&scale.caption(m.unit))
    );
    s.push_str("</svg>\n");
    s
}

fn claim_label(c: &ArticleClaim, mid: f64) -> String {
    let name = format!("{}:{}", short_article(&c.article), c.location.line);
    format!(
        "<text class=\"label\" x=\"{LABEL_RIGHT}\" y=\"{}\" text-anchor=\"end\"><title>{}</title>{}</text>\n",
        r(mid + 4.0),
        esc(&format!("{}:{}:{}", c.article, c.location.line, c.location.column)),
        esc(&shorten(&name))
    )
}

fn literature_label(f: &LiteratureFigure, mid: f64) -> String {
    format!(
        "<a href=\"{}\"><text class=\"label\" x=\"{LABEL_RIGHT}\" y=\"{}\" text-anchor=\"end\">\
         <title>PMID {} — {}</title>{}</text></a>\n",
        pubmed_url(f.pmid),
        r(mid + 4.0),
        f.pmid,
        esc(&f.citation),
        esc(&shorten(&f.citation))
    )
}

fn claim_mark(c: &ArticleClaim, unit: Unit, scale: &Scale, mid: f64) -> String {
    let mut class = String::from("mark claim");
    if c.outlier {
        class.push_str(" outlier");
    }
    if c.value.approx {
        class.push_str(" approx");
    }
    let mut tip = format!(
        "{}:{}:{} — {} “{}”",
        c.article,
        c.location.line,
        c.location.column,
        value_text(&c.value),
        c.quote
    );
    for f in flags(c) {
        tip.push_str("; ");
        tip.push_str(&f);
    }
    let Some(i) = interval_in(&c.value, unit) else {
        return format!(
            "<g class=\"{class} vague\"><title>{}</title><text class=\"note\" x=\"{}\" y=\"{}\">\
             no number: “{}”</text></g>\n",
            esc(&tip),
            X0 + 6.0,
            r(mid + 4.0),
            esc(&shorten(&c.quote))
        );
    };
    let (xl, xh) = (scale.x(i.low), scale.x(i.high));
    let (shape, right, left) = if i.open_high {
        (bound_shape(xl, X1, mid), X1, xl)
    } else if i.open_low {
        (bound_shape(xh, X0, mid), xh, X0)
    } else if (xh - xl).abs() < 1.0 {
        (dot(xl, mid), xl + 6.0, xl - 6.0)
    } else {
        (range_shape(xl, xh, mid), xh, xl)
    };
    format!(
        "<g class=\"{class}\"><title>{}</title>{shape}{}</g>\n",
        esc(&tip),
        value_label(&value_text(&c.value), left, right, mid)
    )
}

fn literature_mark(f: &LiteratureFigure, unit: Unit, scale: &Scale, mid: f64) -> String {
    let class = if f.value.approx {
        "mark lit approx"
    } else {
        "mark lit"
    };
    let mut detail = vec![value_text(&f.value)];
    for extra in [time_point_text(f), short_design(&f.design), n_text(f)] {
        if !extra.is_empty() {
            detail.push(extra);
        }
    }
    let tip = format!(
        "PMID {} — {}: {} “{}”",
        f.pmid,
        f.citation,
        detail.join(", "),
        f.sentence
    );
    let Some(i) = interval_in(&f.value, unit) else {
        return format!(
            "<g class=\"{class} vague\"><title>{}</title><text class=\"note\" x=\"{}\" y=\"{}\">\
             no number</text></g>\n",
            esc(&tip),
            X0 + 6.0,
            r(mid + 4.0)
        );
    };
    let (xl, xh) = (scale.x(i.low), scale.x(i.high));
    let shape = if (xh - xl).abs() < 1.0 {
        diamond(xl, mid)
    } else {
        format!(
            "<line class=\"shape line\" x1=\"{}\" y1=\"{y}\" x2=\"{}\" y2=\"{y}\"/>{}{}",
            r(xl),
            r(xh),
            diamond(xl, mid),
            diamond(xh, mid),
            y = r(mid)
        )
    };
    format!(
        "<g class=\"{class}\"><title>{}</title>{shape}{}</g>\n",
        esc(&tip),
        value_label(&detail.join(" · "), xl - 7.0, xh + 7.0, mid)
    )
}

/// The value written next to its mark: to the right, or to the left near the right edge.
fn value_label(text: &str, left: f64, right: f64, mid: f64) -> String {
    // About 6.5 units per character at this size; keep the label inside the plot.
    let width = 6.5 * text.chars().count() as f64;
    if right + 8.0 + width <= WIDTH - 4.0 {
        format!(
            "<text class=\"value\" x=\"{}\" y=\"{}\">{}</text>",
            r(right + 8.0),
            r(mid + 4.0),
            esc(text)
        )
    } else {
        format!(
            "<text class=\"value\" x=\"{}\" y=\"{}\" text-anchor=\"end\">{}</text>",
            r(left - 8.0),
            r(mid + 4.0),
            esc(text)
        )
    }
}

fn dot(x: f64, y: f64) -> String {
    format!(
        "<circle class=\"shape\" cx=\"{}\" cy=\"{}\" r=\"5.5\"/>",
        r(x),
        r(y)
    )
}

fn range_shape(xl: f64, xh: f64, y: f64) -> String {
    format!(
        "<line class=\"shape line\" x1=\"{a}\" y1=\"{y}\" x2=\"{b}\" y2=\"{y}\"/>\
         <line class=\"shape cap\" x1=\"{a}\" y1=\"{t}\" x2=\"{a}\" y2=\"{u}\"/>\
         <line class=\"shape cap\" x1=\"{b}\" y1=\"{t}\" x2=\"{b}\" y2=\"{u}\"/>",
        a = r(xl),
        b = r(xh),
        y = r(y),
        t = r(y - 7.0),
        u = r(y + 7.0)
    )
}

/// A bound: a dot at the stated number and an arrow towards `to`, the side it leaves open.
fn bound_shape(x: f64, to: f64, y: f64) -> String {
    let dir = if to >= x { 1.0 } else { -1.0 };
    let tip = to;
    let base = tip - dir * 9.0;
    format!(
        "<line class=\"shape line\" x1=\"{}\" y1=\"{yy}\" x2=\"{}\" y2=\"{yy}\"/>\
         <polygon class=\"shape arrow\" points=\"{},{yy} {},{} {},{}\"/>{}",
        r(x),
        r(base),
        r(tip),
        r(base),
        r(y - 5.0),
        r(base),
        r(y + 5.0),
        dot(x, y),
        yy = r(y)
    )
}

fn diamond(x: f64, y: f64) -> String {
    format!(
        "<polygon class=\"shape diamond\" points=\"{},{} {},{} {},{} {},{}\"/>",
        r(x),
        r(y - 7.0),
        r(x + 7.0),
        r(y),
        r(x),
        r(y + 7.0),
        r(x - 7.0),
        r(y)
    )
}

/// The horizontal scale of a plot.
#[derive(Debug, Clone, PartialEq)]
enum Scale {
    /// `lo..hi` mapped linearly, ticks every `step`.
    Linear { lo: f64, hi: f64, step: f64 },
    /// Hours, `lo..hi` mapped logarithmically.
    Log { lo: f64, hi: f64 },
}

/// Tick candidates for times, in hours.
const TIME_TICKS: &[(f64, &str)] = &[
    (1.0 / 60.0, "1 min"),
    (5.0 / 60.0, "5 min"),
    (0.25, "15 min"),
    (0.5, "30 min"),
    (1.0, "1 h"),
    (2.0, "2 h"),
    (4.0, "4 h"),
    (8.0, "8 h"),
    (12.0, "12 h"),
    (24.0, "1 day"),
    (48.0, "2 days"),
    (96.0, "4 days"),
    (168.0, "1 wk"),
    (336.0, "2 wk"),
    (672.0, "4 wk"),
    (1459.2, "2 mo"),
    (2188.8, "3 mo"),
    (4377.6, "6 mo"),
    (8766.0, "1 yr"),
    (17532.0, "2 yr"),
    (43830.0, "5 yr"),
    (87660.0, "10 yr"),
];

impl Scale {
    /// A scale that shows every number of the measure: 0–100 for percentages, a log scale for
    /// times (they span minutes to months), linear with round ticks otherwise.
    fn for_measure(m: &MeasureGroup) -> Scale {
        let mut lo = f64::INFINITY;
        let mut hi = f64::NEG_INFINITY;
        let values = m
            .claims
            .iter()
            .map(|c| &c.value)
            .chain(m.literature.iter().map(|f| &f.value));
        for v in values {
            if let Some(i) = interval_in(v, m.unit) {
                lo = lo.min(i.low);
                hi = hi.max(i.high);
            }
        }
        let have = lo.is_finite() && hi.is_finite();
        match m.unit {
            Unit::Percent => Scale::Linear {
                lo: 0.0,
                hi: 100.0,
                step: 10.0,
            },
            Unit::Hours => {
                let min = 1.0 / 60.0;
                let (mut lo, mut hi) = if have {
                    (lo.max(min) / 2.0, hi.max(min) * 2.0)
                } else {
                    (1.0, 168.0)
                };
                // At least a day's worth of range, centred on the data.
                if hi / lo < 24.0 {
                    let mid = (lo * hi).sqrt();
                    lo = mid / 24f64.sqrt();
                    hi = mid * 24f64.sqrt();
                }
                Scale::Log {
                    lo: lo.max(min / 2.0),
                    hi,
                }
            }
            _ => {
                let (lo, hi) = if have { (lo.min(0.0), hi) } else { (0.0, 10.0) };
                let hi = if hi <= lo { lo + 1.0 } else { hi };
                let step = nice_step((hi - lo) / 6.0);
                Scale::Linear {
                    lo: (lo / step).floor() * step,
                    hi: (hi / step).ceil() * step,
                    step,
                }
            }
        }
    }

    /// The x coordinate of `v`, clamped to the plot area.
    fn x(&self, v: f64) -> f64 {
        let t = match *self {
            Scale::Linear { lo, hi, .. } => (v - lo) / (hi - lo),
            Scale::Log { lo, hi } => (v.max(lo).ln() - lo.ln()) / (hi.ln() - lo.ln()),
        };
        let t = if t.is_finite() {
            t.clamp(0.0, 1.0)
        } else {
            0.0
        };
        X0 + t * (X1 - X0)
    }

    /// Tick positions and labels.
    fn ticks(&self) -> Vec<(f64, String)> {
        match *self {
            Scale::Linear { lo, hi, step } => {
                let n = ((hi - lo) / step).round() as usize;
                (0..=n.min(50))
                    .map(|k| {
                        let v = lo + step * k as f64;
                        (v, fmt_num(v))
                    })
                    .collect()
            }
            Scale::Log { lo, hi } => {
                let inside: Vec<(f64, String)> = TIME_TICKS
                    .iter()
                    .filter(|(v, _)| *v >= lo && *v <= hi)
                    .map(|(v, l)| (*v, (*l).to_owned()))
                    .collect();
                // Keep at most nine labels so that they never collide.
                let every = inside.len().div_ceil(9).max(1);
                inside.into_iter().step_by(every).collect()
            }
        }
    }

    /// The axis caption.
    fn caption(&self, unit: Unit) -> String {
        match (self, unit) {
            (_, Unit::Percent) => "percent".to_owned(),
            (Scale::Log { .. }, _) => "time (log scale)".to_owned(),
            (_, unit) => unit.as_str().to_owned(),
        }
    }
}

/// A round step (1, 2 or 5 times a power of ten) at least `raw`.
fn nice_step(raw: f64) -> f64 {
    if !raw.is_finite() || raw <= 0.0 {
        return 1.0;
    }
    let pow = 10f64.powf(raw.log10().floor());
    let f = raw / pow;
    let m = if f <= 1.0 {
        1.0
    } else if f <= 2.0 {
        2.0
    } else if f <= 5.0 {
        5.0
    } else {
        10.0
    };
    m * pow
}

/// Rounds a coordinate to one decimal, so that the SVG is small and stable.
fn r(v: f64) -> String {
    fmt_num((v * 10.0).round() / 10.0)
}

fn pubmed_url(pmid: u32) -> String {
    format!("https://pubmed.ncbi.nlm.nih.gov/{pmid}/")
}

/// The section id of a measure: its key with `/` as `-` (keys hold only `a-z0-9_-/`).
fn anchor(key: &str) -> String {
    let safe: String = key
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '_' {
                c
            } else {
                '-'
            }
        })
        .collect();
    format!("m-{safe}")
}

/// The last segment of a path or URL ("ketamine-clinic.html"), for a row label.
fn short_article(path: &str) -> &str {
    let trimmed = path.trim_end_matches('/');
    let last = trimmed.rsplit(['/', '\\']).next().unwrap_or(trimmed);
    if last.is_empty() {
        path
    } else {
        last
    }
}

/// `s` cut to [`LABEL_CHARS`] characters with "…".
fn shorten(s: &str) -> String {
    if s.chars().count() <= LABEL_CHARS {
        s.to_owned()
    } else {
        let mut out: String = s.chars().take(LABEL_CHARS - 1).collect();
        out.push('…');
        out
    }
}

/// "RCT", "meta-analysis": the design in a few characters for a plot label.
fn short_design(design: &str) -> String {
    match design {
        "Randomized Controlled Trial" => "RCT".to_owned(),
        "Meta-Analysis" => "meta-analysis".to_owned(),
        "Systematic Review" => "systematic review".to_owned(),
        other => other.to_owned(),
    }
}

/// Text for HTML content and double- or single-quoted attributes: made
/// [`visible`] like every format's (line breaks become spaces, control and
/// bidirectional characters a visible `<U+…>`), then the five characters HTML gives meaning
/// escaped. Quotes, article paths, sentences and citations all come from outside.
fn esc(s: &str) -> String {
    let s = visible(s);
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::tests::{render_to_string, sample_report};
    use super::super::CompareFormat;
    use super::*;

    fn html() -> String {
        render_to_string(&sample_report(), CompareFormat::Html)
    }

    /// The `<svg class="plot" …>…</svg>` blocks of a page.
    fn plots(page: &str) -> Vec<&str> {
        page.split("<svg class=\"plot\"")
            .skip(1)
            .map(|rest| rest.split("</svg>").next().unwrap_or(""))
            .collect()
    }

    #[test]
    fn one_plot_per_measure_with_one_mark_per_claim_and_figure() {
        let report = sample_report();
        let page = html();
        let plots = plots(&page);
        assert_eq!(plots.len(), report.measures.len());
        for (svg, m) in plots.iter().zip(&report.measures) {
            assert!(svg.starts_with(&format!(" data-measure=\"{}\"", m.key)));
            let marks = svg.matches("<g class=\"mark ").count();
            assert_eq!(marks, m.claims.len() + m.literature.len(), "{}", m.key);
            let claims = svg.matches("<g class=\"mark claim").count();
            assert_eq!(claims, m.claims.len(), "{}", m.key);
            let outliers = svg.matches("<g class=\"mark claim outlier").count();
            assert_eq!(outliers, m.outliers, "{}", m.key);
            assert!(svg.matches("<title>").count() >= marks);
        }
    }

    #[test]
    fn the_page_is_self_contained() {
        let page = html();
        assert!(page.starts_with("<!DOCTYPE html>\n<html lang=\"en\">"));
        for banned in [
            "<script", "<link", "<img", "<iframe", "src=", "url(", "@import",
        ] {
            assert!(!page.contains(banned), "page contains {banned}");
        }
        // Every "http" is a PubMed link in an href.
        let links = page
            .matches("href=\"https://pubmed.ncbi.nlm.nih.gov/")
            .count();
        assert!(links > 0);
        assert_eq!(page.matches("http").count(), links);
        // Every other href is an in-page anchor.
        for href in page.split("href=\"").skip(1) {
            assert!(
                href.starts_with('#') || href.starts_with("https://pubmed.ncbi.nlm.nih.gov/"),
                "{}",
                &href[..href.len().min(40)]
            );
        }
    }

    #[test]
    fn text_is_escaped() {
        let page = html();
        // The sample has a quote with `<`, `&` and `"` in it.
        assert!(page.contains("&lt;b&gt;"));
        assert!(!page.contains("<b>"));
        assert!(page.contains("&amp;"));
        assert_eq!(esc("a<b>&\"'"), "a&lt;b&gt;&amp;&quot;&#39;");
    }

    #[test]
    fn output_is_deterministic() {
        assert_eq!(html(), html());
    }

    #[test]
    fn scales_fit_the_unit() {
        let ticks = Scale::Linear {
            lo: 0.0,
            hi: 100.0,
            step: 10.0,
        }
        .ticks();
        assert_eq!(ticks.len(), 11);
        let log = Scale::Log {
            lo: 0.5,
            hi: 2000.0,
        };
        let labels: Vec<String> = log.ticks().into_iter().map(|(_, l)| l).collect();
        assert!(
            labels.len() <= 9 && labels.contains(&"1 day".to_owned()),
            "{labels:?}"
        );
        assert!(log.x(1.0) < log.x(24.0) && log.x(24.0) < log.x(168.0));
        assert_eq!(log.x(0.0), X0);
        assert_eq!(nice_step(13.0), 20.0);
        assert_eq!(nice_step(0.7), 1.0);
        assert_eq!(super::super::amount(48.0, Unit::Hours), "2 days");
        assert_eq!(super::super::amount(168.0, Unit::Hours), "1 week");
        assert_eq!(super::super::amount(24.0, Unit::Hours), "24 hours");
        assert_eq!(super::super::amount(2.5 * 168.0, Unit::Hours), "2.5 weeks");
        assert_eq!(super::super::amount(30.0, Unit::Hours), "30 hours");
        assert_eq!(super::super::amount(0.5, Unit::Hours), "30 minutes");
    }

    #[test]
    fn labels_are_short() {
        assert_eq!(
            short_article("articles/ketamine-clinic.html"),
            "ketamine-clinic.html"
        );
        assert_eq!(short_article("https://example.org/a/b/"), "b");
        assert_eq!(shorten(&"x".repeat(60)).chars().count(), LABEL_CHARS);
    }
}
