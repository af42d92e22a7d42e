//! The citation structure ingest reads, in HTML, Markdown and text: identifiers in the text,
//! footnote and reference markers, source sections under any label, author–year citations, and
//! how extract attaches them to claims. Every form is checked in each format where it can
//! occur, with its exact place in the input file; counterexamples sit beside the examples.

use claimcheck::extract::extract;
use claimcheck::ingest::{self, Format};
use claimcheck::model::{Article, CitedBy, EntryKind, FoundIn};

fn read(doc: &str, format: Format) -> Article {
    let name = match format {
        Format::Html => "page.html",
        Format::Markdown => "page.md",
        Format::Text => "page.txt",
    };
    ingest::parse(name, doc.as_bytes(), format).expect("reads")
}

const FORMATS: [Format; 3] = [Format::Html, Format::Markdown, Format::Text];

/// The markers of an article: the marker as written in the input file and the numbers (or
/// symbols) of the entries it resolves to.
fn markers(a: &Article, doc: &str) -> Vec<(String, Vec<String>)> {
    a.citations
        .markers
        .iter()
        .map(|m| {
            let at = a.map.locate(m.range.clone());
            let entries = m
                .entries
                .iter()
                .map(|&e| {
                    let e = &a.citations.entries[e];
                    e.number
                        .map(|n| n.to_string())
                        .or(e.symbol.map(String::from))
                        .unwrap_or_default()
                })
                .collect();
            (doc[at.start..at.end].to_owned(), entries)
        })
        .collect()
}

/// The entries of an article: kind, number or symbol, and the entry's first word.
fn entries(a: &Article) -> Vec<(EntryKind, String, String)> {
    a.citations
        .entries
        .iter()
        .map(|e| {
            let label = e
                .number
                .map(|n| n.to_string())
                .or(e.symbol.map(String::from))
                .unwrap_or_default();
            let text = &a.text[e.range.clone()];
            let first = text.split_whitespace().next().unwrap_or("").to_owned();
            (e.kind, label, first)
        })
        .collect()
}

/// A numbered reference list of four studies with PubMed links, in each format.
fn reference_list(format: Format) -> String {
    let studies = [
        ("Adams", "30000001"),
        ("Baker", "30000002"),
        ("Clark", "30000003"),
        ("Dunn", "30000004"),
    ];
    let mut out = String::new();
    match format {
        Format::Html => {
            out.push_str("<h2>References</h2>\n<ol>\n");
            for (i, (name, pmid)) in studies.iter().enumerate() {
                out.push_str(&format!(
                    "<li id=\"r{n}\">{name} K, et al. A trial. J Affect Disord. 2019;250:1-9. <a href=\"https://pubmed.ncbi.nlm.nih.gov/{pmid}/\">PubMed</a></li>\n",
                    n = i + 1
                ));
            }
            out.push_str("</ol>\n");
        }
        Format::Markdown => {
            out.push_str("## References\n\n");
            for (i, (name, pmid)) in studies.iter().enumerate() {
                out.push_str(&format!(
                    "{n}. <a id=\"r{n}\"></a>{name} K, et al. A trial. J Affect Disord. 2019;250:1-9. [PubMed](https://pubmed.ncbi.nlm.nih.gov/{pmid}/)\n",
                    n = i + 1
                ));
            }
        }
        Format::Text => {
            out.push_str("References\n\n");
            for (i, (name, pmid)) in studies.iter().enumerate() {
                out.push_str(&format!(
                    "{n}. {name} K, et al. A trial. J Affect Disord. 2019;250:1-9. https://pubmed.ncbi.nlm.nih.gov/{pmid}/\n",
                    n = i + 1
                ));
            }
        }
    }
    out
}

/// Paragraphs in each format's own markup.
fn paragraphs(format: Format, paras: &[&str]) -> String {
    match format {
        Format::Html => paras.iter().map(|p| format!("<p>{p}</p>\n")).collect(),
        _ => paras.iter().map(|p| format!("{p}\n\n")).collect(),
    }
}

#[test]
fn bracket_superscript_and_parenthesized_markers_resolve_in_every_format() {
    let prose = [
        "Remission reached 36% at week 4 [1].",
        "Response reached 52% by week 8 [2–4].",
        "Nausea eased after 2 weeks [1,3].",
        "Dizziness affected 20% of patients¹².",
        "Relapse fell by 51% (3,4).",
        "Counterexamples: (1) sleep, (2) diet, and a study [7] that the list does not hold.",
    ];
    for format in FORMATS {
        let doc = paragraphs(format, &prose) + &reference_list(format);
        let a = read(&doc, format);
        let want: Vec<(String, Vec<String>)> = [
            ("[1]", &["1"][..]),
            ("[2–4]", &["2", "3", "4"]),
            ("[1,3]", &["1", "3"]),
            ("¹²", &["1", "2"]),
            ("(3,4)", &["3", "4"]),
        ]
        .iter()
        .map(|(m, e)| (m.to_string(), e.iter().map(|s| s.to_string()).collect()))
        .collect();
        assert_eq!(markers(&a, &doc), want, "{format:?}");
        // Exact place of the first marker in the input file.
        let first = a.map.locate(a.citations.markers[0].range.clone());
        assert_eq!((first.line, first.column), (1, 33 + html_offset(format)));
        assert_eq!(
            entries(&a),
            [
                (EntryKind::List, "1".to_owned(), "Adams".to_owned()),
                (EntryKind::List, "2".to_owned(), "Baker".to_owned()),
                (EntryKind::List, "3".to_owned(), "Clark".to_owned()),
                (EntryKind::List, "4".to_owned(), "Dunn".to_owned()),
            ],
            "{format:?}"
        );
    }
}

/// Columns that a paragraph's `<p>` adds in HTML.
fn html_offset(format: Format) -> u32 {
    if format == Format::Html {
        3
    } else {
        0
    }
}

#[test]
fn superscripts_and_in_page_links_resolve_in_html_and_markdown() {
    let html = "<p>Remission reached 36% at week 4.<sup>1</sup></p>\n\
<p>Response reached 52% by week 8.<sup><a href=\"#r2\">2</a></sup></p>\n\
<p>Relapse fell by 51%.<a href=\"#r3\">[3]</a></p>\n\
<p>A table of contents link <a href=\"#top\">back up</a> is not a marker.</p>\n"
        .to_owned()
        + &reference_list(Format::Html);
    let a = read(&html, Format::Html);
    assert_eq!(
        markers(&a, &html),
        [
            ("1".to_owned(), vec!["1".to_owned()]),
            ("2".to_owned(), vec!["2".to_owned()]),
            ("[3]".to_owned(), vec!["3".to_owned()]),
        ]
    );
    let sup = a.map.locate(a.citations.markers[0].range.clone());
    assert_eq!((sup.line, sup.column), (1, 41));

    let md = "Remission reached 36% at week 4.<sup>1</sup>\n\n\
Response reached 52% by week 8.[2](#r2)\n\n\
Relapse fell by 51%.[^3]\n\n\
[^3]: Clark K, et al. A trial. J Affect Disord. 2019;250:1-9. https://pubmed.ncbi.nlm.nih.gov/30000003/\n\n"
        .to_owned()
        + &reference_list(Format::Markdown);
    let a = read(&md, Format::Markdown);
    let got = markers(&a, &md);
    assert_eq!(got[0], ("1".to_owned(), vec!["1".to_owned()]));
    assert_eq!(got[1], ("2".to_owned(), vec!["2".to_owned()]));
    // A Markdown footnote reference has no text of its own: it stands at the `[^3]`.
    assert_eq!(got.len(), 3, "{got:?}");
    let foot = &a.citations.markers[2];
    assert_eq!(foot.label, "3");
    let entry = &a.citations.entries[foot.entries[0]];
    assert_eq!(entry.kind, EntryKind::Footnote);
    assert!(a.text[entry.range.clone()].starts_with("Clark K"));
}

#[test]
fn symbol_footnotes_resolve_only_when_the_note_cites() {
    for format in FORMATS {
        // Markdown reads a line opening with `* ` as a bullet: a footnote there escapes it.
        let star = if format == Format::Markdown {
            "\\*"
        } else {
            "*"
        };
        let note = &format!(
            "{star} Jimenez JJ, et al. A laser comb trial. Am J Clin Dermatol. 2014;15(2):115-127."
        );
        let doc = paragraphs(
            format,
            &[
                "Patients gained 20 hairs per square centimetre after 26 weeks*.",
                "Scalp itch was reported by 4% of users.†",
                note,
                "† Response assessed by the clinic's own questionnaire.",
            ],
        );
        let a = read(&doc, format);
        assert_eq!(
            markers(&a, &doc),
            [("*".to_owned(), vec!["*".to_owned()])],
            "{format:?}: the † note cites nothing, so its mark is no marker"
        );
        assert_eq!(
            entries(&a),
            [(EntryKind::Footnote, "*".to_owned(), "Jimenez".to_owned())],
            "{format:?}"
        );
        // The footnote is reference material: its year and pages are not claims.
        let file = extract(&a);
        assert!(
            file.claims.iter().all(|c| !c.sentence.contains("Jimenez")),
            "{format:?}: {:#?}",
            file.claims
        );
        let hairs = file
            .claims
            .iter()
            .find(|c| c.sentence.contains("hairs"))
            .expect("claim");
        let how = hairs.attachment.as_ref().expect("attached");
        assert_eq!(
            (how.how, how.found_in),
            (CitedBy::Footnote, FoundIn::Sentence)
        );
        assert_eq!(how.marker.as_deref(), Some("*"));
    }
}

#[test]
fn identifiers_and_plain_urls_in_the_text_are_links_in_every_format() {
    let prose = [
        "An early review found 30% (PMID: 12345678).",
        "A later one found 28% (doi:10.1000/abc.123).",
        "Another found 26% (https://doi.org/10.1000/xyz-9).",
        "A third found 25% (PMCID: PMC7654321) and the guideline NBK470357 agrees.",
        "See https://pubmed.ncbi.nlm.nih.gov/11111111/ for a 44% response.",
    ];
    for format in FORMATS {
        let doc = paragraphs(format, &prose);
        let a = read(&doc, format);
        let links: Vec<(&str, &str)> = a
            .links
            .iter()
            .map(|l| {
                let at = a.map.locate(l.text.clone());
                (l.href.as_str(), &doc[at.start..at.end])
            })
            .collect();
        assert_eq!(
            links,
            [
                (
                    "https://pubmed.ncbi.nlm.nih.gov/12345678/",
                    "PMID: 12345678"
                ),
                ("https://doi.org/10.1000/abc.123", "doi:10.1000/abc.123"),
                (
                    "https://doi.org/10.1000/xyz-9",
                    "https://doi.org/10.1000/xyz-9"
                ),
                (
                    "https://pmc.ncbi.nlm.nih.gov/articles/PMC7654321/",
                    "PMCID: PMC7654321"
                ),
                ("https://www.ncbi.nlm.nih.gov/books/NBK470357/", "NBK470357"),
                (
                    "https://pubmed.ncbi.nlm.nih.gov/11111111/",
                    "https://pubmed.ncbi.nlm.nih.gov/11111111/"
                ),
            ],
            "{format:?}"
        );
        let file = extract(&a);
        let sources = |q: &str| {
            let c = file
                .claims
                .iter()
                .find(|c| c.quote.contains(q))
                .unwrap_or_else(|| panic!("{format:?}: no claim {q}: {:#?}", file.claims));
            let how = c.attachment.as_ref().expect("attached");
            assert_eq!((how.how, how.found_in), (CitedBy::Link, FoundIn::Sentence));
            c.sources.clone()
        };
        assert_eq!(sources("30%"), ["pmid:12345678"], "{format:?}");
        assert_eq!(sources("44%"), ["pmid:11111111"], "{format:?}");
    }
}

#[test]
fn inline_links_attach_to_their_sentence_in_html_and_markdown() {
    let url = "https://pubmed.ncbi.nlm.nih.gov/37000001/";
    let html =
        format!("<p>In <a href=\"{url}\">the trial</a>, 27% were in remission at week 8.</p>");
    let md = format!("In [the trial]({url}), 27% were in remission at week 8.");
    for (doc, format) in [(html, Format::Html), (md, Format::Markdown)] {
        let a = read(&doc, format);
        let file = extract(&a);
        let claim = &file.claims[0];
        assert_eq!(claim.sources, ["pmid:37000001"]);
        let how = claim.attachment.as_ref().expect("attached");
        assert_eq!((how.how, how.found_in), (CitedBy::Link, FoundIn::Sentence));
        let at = how.location.as_ref().expect("location");
        assert_eq!(&doc[at.start..at.end], "the trial", "{format:?}");
    }
}

/// Every source-section label, as a heading and as a bold or plain label, followed by entries
/// in every list style of its format.
#[test]
fn source_sections_are_read_under_any_label_and_list_style() {
    let labels = [
        "References",
        "Sources",
        "Citations",
        "Bibliography",
        "Studies cited",
        "Further reading",
        "More information",
        "Learn more",
    ];
    let entry = "Evans R, et al. A sham-controlled trial. Brain Stimul. 2020;13(2):300-9. https://pubmed.ncbi.nlm.nih.gov/32000001/";
    for label in labels {
        let styles: Vec<(Format, String)> = vec![
            (
                Format::Html,
                format!("<h2>{label}</h2><ol><li>{entry}</li></ol>"),
            ),
            (
                Format::Html,
                format!("<p><strong>{label}:</strong></p><ul><li>{entry}</li></ul>"),
            ),
            (Format::Html, format!("<h3>{label}</h3><p>1. {entry}</p>")),
            (Format::Html, format!("<h3>{label}</h3><p>[1] {entry}</p>")),
            (Format::Markdown, format!("## {label}\n\n1. {entry}\n")),
            (Format::Markdown, format!("**{label}**\n\n- {entry}\n")),
            (Format::Markdown, format!("### {label}\n\n[1] {entry}\n")),
            (Format::Text, format!("{label}\n\n1. {entry}\n")),
            (Format::Text, format!("{label}:\n[1] {entry}\n")),
            (Format::Text, format!("{label}\n\n- {entry}\n")),
        ];
        for (format, list) in styles {
            let doc = paragraphs(format, &["Of the patients, 41% responded to treatment."]) + &list;
            let a = read(&doc, format);
            assert_eq!(
                entries(&a),
                [(EntryKind::List, "1".to_owned(), "Evans".to_owned())],
                "{format:?}:\n{doc}"
            );
            let file = extract(&a);
            assert_eq!(file.claims.len(), 1, "{format:?}: {:#?}", file.claims);
            let claim = &file.claims[0];
            assert_eq!(claim.sources, ["pmid:32000001"], "{format:?}:\n{doc}");
            let how = claim.attachment.as_ref().expect("attached");
            assert_eq!(
                (how.how, how.found_in),
                (CitedBy::ReferenceList, FoundIn::Article)
            );
        }
    }
}

#[test]
fn a_source_line_cites_its_section_with_or_without_an_anchor() {
    let url = "https://pubmed.ncbi.nlm.nih.gov/99000005/";
    for format in FORMATS {
        let anchored = match format {
            Format::Html => format!("Source: <a href=\"{url}\">{url}</a>"),
            Format::Markdown => format!("Source: [{url}]({url})"),
            Format::Text => format!("Source: {url}"),
        };
        for line in [anchored, format!("Source: {url}")] {
            let doc = paragraphs(
                format,
                &[
                    "There is a 55% response rate and a 34% remission rate.",
                    &line,
                ],
            );
            let a = read(&doc, format);
            assert_eq!(
                entries(&a),
                [(EntryKind::SourceLine, String::new(), url.to_owned())],
                "{format:?}"
            );
            let file = extract(&a);
            assert_eq!(file.claims.len(), 2, "{format:?}: {:#?}", file.claims);
            for claim in &file.claims {
                assert_eq!(claim.sources, ["pmid:99000005"]);
                let how = claim.attachment.as_ref().expect("attached");
                assert_eq!(
                    (how.how, how.found_in),
                    (CitedBy::SourceLine, FoundIn::Section)
                );
            }
        }
        // A "Source:" that names no study is not a citation, and its figures stay claims.
        let doc = paragraphs(
            format,
            &["Source: a survey of 212 of our own patients in 2023."],
        );
        let a = read(&doc, format);
        assert!(a.citations.entries.is_empty(), "{format:?}");
        let file = extract(&a);
        assert!(file.claims.iter().all(|c| c.attachment.is_none()));
    }
}

#[test]
fn author_year_citations_match_their_reference_entry() {
    for format in FORMATS {
        let prose = [
            "About 70% improved within a month (Adams et al., 2019).",
            "Baker and Clark (2019) found that 40% relapsed.",
            "Fox et al. 2021 reported 12% dropped out.",
        ];
        let doc = paragraphs(format, &prose) + &reference_list(format);
        let a = read(&doc, format);
        let file = extract(&a);
        let claim = |q: &str| {
            file.claims
                .iter()
                .find(|c| c.quote.contains(q))
                .unwrap_or_else(|| panic!("{format:?}: no claim {q}: {:#?}", file.claims))
        };
        let adams = claim("70%");
        assert_eq!(adams.sources, ["pmid:30000001"], "{format:?}");
        let how = adams.attachment.as_ref().expect("attached");
        assert_eq!(
            (how.how, how.found_in, how.marker.as_deref()),
            (
                CitedBy::AuthorYear,
                FoundIn::Sentence,
                Some("(Adams et al., 2019)")
            )
        );
        let at = how.location.as_ref().expect("location");
        assert_eq!(&doc[at.start..at.end], "(Adams et al., 2019)");
        // Narrative form: the first author names the entry.
        assert_eq!(claim("40%").sources, ["pmid:30000002"], "{format:?}");
        // No entry matches: the citation is searched for, and the references may hold it.
        let fox = claim("12%");
        assert!(fox.sources[0].starts_with("cite:"), "{:?}", fox.sources);
        assert_eq!(fox.sources.len(), 5, "{:?}", fox.sources);
    }
}

#[test]
fn reference_lists_are_not_article_text() {
    for format in FORMATS {
        let doc = paragraphs(format, &["Most patients, 61%, finished the course."])
            + &reference_list(format);
        let a = read(&doc, format);
        let file = extract(&a);
        let quotes: Vec<&str> = file.claims.iter().map(|c| c.quote.as_str()).collect();
        assert_eq!(quotes, ["61%"], "{format:?}");
    }
}

#[test]
fn a_page_that_cites_nothing_leaves_its_claims_unsourced() {
    for format in FORMATS {
        let doc = paragraphs(
            format,
            &[
                "Our clinic has treated 300 people since 2017.",
                "Learn more",
                "Call us to book 3 sessions a week.",
            ],
        );
        let a = read(&doc, format);
        assert!(a.citations.entries.is_empty(), "{format:?}");
        let file = extract(&a);
        assert!(!file.claims.is_empty());
        for c in &file.claims {
            assert!(c.sources.is_empty() && c.attachment.is_none(), "{c:#?}");
        }
    }
}

#[test]
fn a_sentence_that_refers_back_uses_the_study_cited_before_it() {
    let url = "https://pubmed.ncbi.nlm.nih.gov/37000002/";
    let html = format!(
        "<p><a href=\"{url}\">The NEJM study</a> enrolled adults with depression.</p>\
<p>The study found that 27.1% were in remission at week 8.</p>\
<p>Depression affects 5% of adults worldwide.</p>"
    );
    let a = read(&html, Format::Html);
    let file = extract(&a);
    let back = file
        .claims
        .iter()
        .find(|c| c.quote.contains("27.1%"))
        .expect("claim");
    assert_eq!(back.sources, ["pmid:37000002"]);
    let how = back.attachment.as_ref().expect("attached");
    assert_eq!((how.how, how.found_in), (CitedBy::Link, FoundIn::Earlier));
    // A sentence that does not refer back to the study is not cited by it: it is checked
    // against the page's studies as a claim that cites nothing itself, not as the study's.
    let other = file
        .claims
        .iter()
        .find(|c| c.quote.contains("5%"))
        .expect("claim");
    let how = other.attachment.as_ref().expect("attached");
    assert_eq!(how.found_in, FoundIn::Article, "{other:#?}");
    assert!(!how.is_direct());
}

#[test]
fn dagger_and_double_dagger_resolve_to_their_notes_in_every_format() {
    for format in FORMATS {
        let doc = paragraphs(
            format,
            &[
                "Relapse fell to 12% at one year with maintenance sessions.†",
                "Nausea was reported by 9% of patients in the first week.‡",
                "† Okafor N, et al. Maintenance infusions after response. J Psychiatr Res. 2021;140:55-61.",
                "‡ Lindqvist E, et al. Early adverse events of repeated dosing. Psychopharmacology. 2020;237(4):1001-1010.",
            ],
        );
        let a = read(&doc, format);
        assert_eq!(
            markers(&a, &doc),
            [
                ("†".to_owned(), vec!["†".to_owned()]),
                ("‡".to_owned(), vec!["‡".to_owned()]),
            ],
            "{format:?}"
        );
        let file = extract(&a);
        for (cue, mark) in [("Relapse", "†"), ("Nausea", "‡")] {
            let claim = file
                .claims
                .iter()
                .find(|c| c.sentence.contains(cue))
                .unwrap_or_else(|| panic!("{format:?}: no claim for {cue}: {:#?}", file.claims));
            let how = claim.attachment.as_ref().expect("attached");
            assert_eq!(
                (how.how, how.found_in, how.marker.as_deref()),
                (CitedBy::Footnote, FoundIn::Sentence, Some(mark)),
                "{format:?}: {cue}"
            );
        }
        // The notes are reference material: their years and pages are not claims.
        assert!(
            file.claims
                .iter()
                .all(|c| !c.sentence.contains("Okafor") && !c.sentence.contains("Lindqvist")),
            "{format:?}: {:#?}",
            file.claims
        );
    }
}
