//! Ingest end to end: documents in, articles out, and every text offset traced back to the raw
//! bytes exactly. The documents are small made-up clinic pages.

use std::path::PathBuf;

use claimcheck::ingest::{self, Context, Error, Format, Input, Options};
use claimcheck::model::{Article, BlockKind};

const CLINIC_PAGE: &str = r#"<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Managing High Blood Pressure | Riverside Family Clinic</title>
<style>body { font-family: sans-serif; } .promo::after { content: "99%"; }</style>
<script>var offer = "5% off"; if (a < b) { document.write("<p>injected</p>"); }</script>
</head>
<body class="post-template-default single single-post">
<div id="cookie-banner" class="cookie-consent">We use cookies to improve your visit. <button>Accept all</button></div>
<header class="site-header"><a href="/" class="logo">Riverside Family Clinic</a>
<nav class="main-nav"><ul><li><a href="/services">Services</a></li><li><a href="/doctors">Our Doctors</a></li></ul></nav></header>
<div class="wrapper">
<main id="content">
<article class="post">
<h1>Managing High Blood Pressure</h1>
<p>About 1 in 3 adults in the region has high blood pressure, and many do not know it.</p>
<p>Cutting salt to under 1,500&nbsp;mg a day lowered systolic pressure by 5&ndash;6 mmHg
   in a <a href="https://pubmed.ncbi.nlm.nih.gov/11136953/">controlled feeding trial</a>.</p>
<h2>What you can do</h2>
<ul><li>Walk 30 minutes on most days.</li><li>Limit alcohol &amp; caffeine.</li></ul>
<div class="share-buttons"><a href="https://facebook.example/sharer">Share on Facebook</a></div>
</article>
<section class="comments-area"><h3>2 Comments</h3><p>Great post! I lost 20 pounds.</p></section>
</main>
<aside class="sidebar"><div class="widget"><h3>Recent Posts</h3><ul><li><a href="/flu">Flu shots cut hospital visits by 40%</a></li></ul></div>
<div class="widget"><h3>Contact us</h3><form action="/contact"><label>Phone</label><input type="tel" value="555-0134"><p>Call 555-0134 to book.</p><button>Send</button></form></div></aside>
</div>
<footer class="site-footer"><p>&copy; 2024 Riverside Family Clinic. 12 Elm Street.</p></footer>
<div class="modal newsletter-popup"><p>Subscribe and get 10% off</p></div>
</body></html>
"#;

/// A page without `<article>`/`<main>`: the body minus boilerplate is the article.
const PLAIN_PAGE: &str = r#"<html><head><title>Knee pain FAQ</title></head>
<body>
<div id="top-menu"><a href="/">Home</a> | <a href="/about">About</a></div>
<div class="container">
<h1>Knee pain: common questions</h1>
<p>Physical therapy improved pain scores by 30% after 6 weeks in one study.</p>
<p>Weight loss of 10% reduced knee pain for many patients.</p>
<h2>Recent Posts</h2>
<ul><li><a href="/hip">Hip replacement: 95% success?</a></li><li>Ankle sprains</li></ul>
</div>
<div class="contact"><form><p>Phone: 555-0199</p><input name=phone></form></div>
<div id="footer">Copyright 2023 Knee Clinic</div>
</body></html>
"#;

const MARKDOWN: &str = "---
title: \"Vitamin D and falls\"
tags: [bones, 15%]
---

# Vitamin D: what the trials say

A [large trial](https://pubmed.ncbi.nlm.nih.gov/29101004/) found *no* fall reduction at 2,000&nbsp;IU.

```python
risk = 0.35  # 35% is code, not prose
```

    indented code 12%

See also [the review][rev], `inline 7%` and https://doi.org/10.1001/jama.2018.1234.

[rev]: https://pubmed.ncbi.nlm.nih.gov/30422282/
";

fn html(doc: &str) -> Article {
    ingest::parse("page.html", doc.as_bytes(), Format::Html).expect("html parses")
}

/// The raw bytes a text range maps to.
fn raw_at<'a>(article: &Article, raw: &'a [u8], needle: &str) -> &'a [u8] {
    let at = article
        .text
        .find(needle)
        .unwrap_or_else(|| panic!("{needle:?} not in {:?}", article.text));
    let loc = article.map.locate(at..at + needle.len());
    &raw[loc.start..loc.end]
}

/// The map is exact: every verbatim piece copies its raw bytes, every word of the text locates
/// to itself (or to markup that produced it), blocks and links are well formed.
fn check_map(article: &Article, raw: &[u8]) {
    let text = article.text.as_bytes();
    let mut last_end = 0;
    for p in article.map.pieces() {
        assert!(p.text >= last_end, "pieces out of order: {p:?}");
        last_end = p.text + p.text_len;
        assert!(
            last_end <= text.len() && p.raw + p.raw_len <= raw.len(),
            "{p:?}"
        );
        if p.text_len == p.raw_len {
            let t = &text[p.text..last_end];
            let r = &raw[p.raw..p.raw + p.raw_len];
            // Byte for byte, except a collapsed white-space character written as a space.
            let same = t
                .iter()
                .zip(r)
                .all(|(a, b)| a == b || (*a == b' ' && b.is_ascii_whitespace()));
            assert!(
                same,
                "verbatim piece {p:?}: text {:?} raw {:?}",
                String::from_utf8_lossy(t),
                String::from_utf8_lossy(r)
            );
        }
    }
    let mut end = 0;
    for b in &article.blocks {
        assert!(b.range.start >= end && b.range.start < b.range.end, "{b:?}");
        assert!(article.text.get(b.range.clone()).is_some(), "{b:?}");
        end = b.range.end;
    }
    for link in &article.links {
        let anchor = article
            .text
            .get(link.text.clone())
            .unwrap_or_else(|| panic!("bad link range {link:?}"));
        if anchor.is_empty() {
            continue;
        }
        let loc = article.map.locate(link.text.clone());
        let r = &raw[loc.start..loc.end];
        let (first, last) = (anchor.as_bytes()[0], anchor.as_bytes()[anchor.len() - 1]);
        if first.is_ascii_alphanumeric() {
            assert_eq!(r.first(), Some(&first), "link {link:?} starts at {r:?}");
        }
        if last.is_ascii_alphanumeric() {
            assert_eq!(r.last(), Some(&last), "link {link:?} ends at {r:?}");
        }
    }
    // Every ASCII word locates to itself, unless markup in between (a tag, a reference,
    // Markdown emphasis) explains the difference.
    let mut i = 0;
    while i < text.len() {
        if !text[i].is_ascii_alphanumeric() {
            i += 1;
            continue;
        }
        let start = i;
        while i < text.len() && text[i].is_ascii_alphanumeric() {
            i += 1;
        }
        let loc = article.map.locate(start..i);
        let r = &raw[loc.start..loc.end];
        assert!(
            r == &text[start..i] || r.iter().any(|b| b"<&*_`[]\\".contains(b)),
            "word {:?} at {start} locates to {:?}",
            &article.text[start..i],
            String::from_utf8_lossy(r)
        );
    }
}

#[test]
fn main_content_keeps_only_the_article_body_in_order() {
    let a = html(CLINIC_PAGE);
    assert_eq!(
        a.text,
        "Managing High Blood Pressure\n\n\
         About 1 in 3 adults in the region has high blood pressure, and many do not know it.\n\n\
         Cutting salt to under 1,500 mg a day lowered systolic pressure by 5\u{2013}6 mmHg in a controlled feeding trial.\n\n\
         What you can do\n\n\
         Walk 30 minutes on most days.\n\n\
         Limit alcohol & caffeine."
    );
    assert_eq!(
        a.title.as_deref(),
        Some("Managing High Blood Pressure | Riverside Family Clinic")
    );
    let kinds: Vec<_> = a.blocks.iter().map(|b| b.kind).collect();
    assert_eq!(
        kinds,
        [
            BlockKind::Heading(1),
            BlockKind::Paragraph,
            BlockKind::Paragraph,
            BlockKind::Heading(2),
            BlockKind::ListItem,
            BlockKind::ListItem
        ]
    );
    assert_eq!(a.links.len(), 1, "{:?}", a.links);
    assert!(a.content_hash.starts_with("sha256:") && a.content_hash.len() == 71);
    assert!(a.warnings.is_empty());
    check_map(&a, CLINIC_PAGE.as_bytes());
}

#[test]
fn body_minus_boilerplate_without_article_element() {
    let a = html(PLAIN_PAGE);
    assert_eq!(
        a.text,
        "Knee pain: common questions\n\n\
         Physical therapy improved pain scores by 30% after 6 weeks in one study.\n\n\
         Weight loss of 10% reduced knee pain for many patients."
    );
    assert!(a.links.is_empty());
    check_map(&a, PLAIN_PAGE.as_bytes());
}

#[test]
fn locations_point_into_the_html_source() {
    let a = html(CLINIC_PAGE);
    let at = a.text.find("1,500").unwrap();
    let loc = a.map.locate(at..at + 5);
    let line = CLINIC_PAGE
        .lines()
        .position(|l| l.contains("1,500"))
        .unwrap()
        + 1;
    let column = CLINIC_PAGE
        .lines()
        .nth(line - 1)
        .unwrap()
        .find("1,500")
        .unwrap()
        + 1;
    assert_eq!((loc.line as usize, loc.column as usize), (line, column));
    assert_eq!(&CLINIC_PAGE[loc.start..loc.end], "1,500");
}

#[test]
fn entities_decode_and_map_to_their_raw_spans() {
    let doc = "<p>Risk fell &gt; 20&#37; &mdash; see&nbsp;note caf&eacute; &#x2265;3&times;</p>";
    let a = html(doc);
    assert_eq!(
        a.text,
        "Risk fell > 20% \u{2014} see note caf\u{e9} \u{2265}3\u{d7}"
    );
    let raw = doc.as_bytes();
    assert_eq!(raw_at(&a, raw, ">"), b"&gt;");
    assert_eq!(raw_at(&a, raw, "20%"), b"20&#37;");
    assert_eq!(raw_at(&a, raw, "\u{2014}"), b"&mdash;");
    assert_eq!(raw_at(&a, raw, "see note"), b"see&nbsp;note");
    assert_eq!(raw_at(&a, raw, "caf\u{e9}"), b"caf&eacute;");
    assert_eq!(raw_at(&a, raw, "\u{2265}3\u{d7}"), b"&#x2265;3&times;");
    let loc = a.map.locate(0..4);
    assert_eq!((loc.line, loc.column, loc.start), (1, 4, 3));
    check_map(&a, raw);
}

#[test]
fn links_keep_href_anchor_text_and_position() {
    let doc = "<main><p>Read the <a href=\"https://pubmed.ncbi.nlm.nih.gov/123/\">  2019 <em>trial</em> </a>\n\
               or https://doi.org/10.1/xyz. <a href=\"/rel\"><img src=\"x.png\"></a> and\n\
               <a href=\"#ref-2\">[2]</a> (see https://example.org/a_(b)).</p></main>";
    let a = html(doc);
    let links: Vec<_> = a
        .links
        .iter()
        .map(|l| (l.href.as_str(), &a.text[l.text.clone()]))
        .collect();
    assert_eq!(
        links,
        [
            ("https://pubmed.ncbi.nlm.nih.gov/123/", "2019 trial"),
            ("https://doi.org/10.1/xyz", "https://doi.org/10.1/xyz"),
            ("/rel", ""),
            ("#ref-2", "[2]"),
            ("https://example.org/a_(b)", "https://example.org/a_(b)"),
        ]
    );
    let trial = a.map.locate(a.links[0].text.clone());
    assert_eq!(&doc[trial.start..trial.end], "2019 <em>trial");
    let doi = a.map.locate(a.links[1].text.clone());
    assert_eq!(&doc[doi.start..doi.end], "https://doi.org/10.1/xyz");
    assert_eq!(doi.line, 2);
    check_map(&a, doc.as_bytes());

    // With a page URL, relative links to other pages become absolute.
    let ctx = Context {
        base_url: Some("https://clinic.example/blog/post".parse().unwrap()),
        charset: None,
    };
    let a = ingest::parse_with("u", doc.as_bytes(), Format::Html, &ctx).unwrap();
    assert_eq!(a.links[2].href, "https://clinic.example/rel");
    // An in-page link stays `#id`: it points at a footnote of this page, not at another page.
    assert_eq!(a.links[3].href, "#ref-2");
}

const CP1252_PAGE: &[u8] = b"<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1252\">\n<title>Caf\xe9 menu</title></head>\n<body><p>Patients called the caf\xe9 \x93low-salt\x94 menu a success: 42% chose it.</p></body></html>";

#[test]
fn windows_1252_page_decodes_and_locates_raw_bytes() {
    let a = ingest::parse("old.html", CP1252_PAGE, Format::Html).unwrap();
    assert_eq!(
        a.text,
        "Patients called the caf\u{e9} \u{201c}low-salt\u{201d} menu a success: 42% chose it."
    );
    assert_eq!(a.title.as_deref(), Some("Caf\u{e9} menu"));
    assert!(a.warnings.is_empty(), "{:?}", a.warnings);
    assert_eq!(raw_at(&a, CP1252_PAGE, "42%"), b"42%");
    assert_eq!(raw_at(&a, CP1252_PAGE, "\u{e9}"), b"\xe9");
    assert_eq!(
        raw_at(&a, CP1252_PAGE, "\u{201c}low-salt\u{201d}"),
        b"\x93low-salt\x94"
    );
    let at = a.text.find("42%").unwrap();
    let loc = a.map.locate(at..at + 3);
    // Columns count bytes in a single-byte encoding.
    let line3 = CP1252_PAGE.split(|&b| b == b'\n').nth(2).unwrap();
    let col = line3.windows(3).position(|w| w == b"42%").unwrap() + 1;
    assert_eq!((loc.line, loc.column as usize), (3, col));
    check_map(&a, CP1252_PAGE);
}

#[test]
fn invalid_bytes_are_replaced_with_one_warning() {
    // Valid UTF-8 elsewhere (é), so the bad bytes are errors in UTF-8, not another encoding.
    let doc = b"<p>Caf\xc3\xa9 dose: 20\xff mg daily, then 40\xfe\xfd mg.</p>";
    let a = ingest::parse("dose.html", doc, Format::Html).unwrap();
    assert_eq!(
        a.text,
        "Caf\u{e9} dose: 20\u{fffd} mg daily, then 40\u{fffd}\u{fffd} mg."
    );
    assert_eq!(
        a.warnings,
        ["dose.html:1:17: bytes that are not valid UTF-8 were replaced with U+FFFD (the first here)"]
    );
    assert_eq!(raw_at(&a, doc, "40"), b"40");
    let t = ingest::parse("d.txt", b"caf\xc3\xa9 a\xffb", Format::Text).unwrap();
    assert_eq!(t.text, "caf\u{e9} a\u{fffd}b");
    assert_eq!(t.warnings.len(), 1);
    check_map(&t, b"caf\xc3\xa9 a\xffb");
    // With no UTF-8 at all and no charset, the bytes are windows-1252.
    let t = ingest::parse("d.txt", b"a\xffb 24\x9648 hours", Format::Text).unwrap();
    assert_eq!(t.text, "a\u{ff}b 24\u{2013}48 hours");
    assert_eq!(
        t.warnings,
        [
            "d.txt:1:2: not UTF-8 and no charset declared: read as windows-1252 (the first byte \
          that is not UTF-8 is here)"
        ]
    );
}

#[test]
fn binary_input_is_an_error() {
    let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x10";
    let err = ingest::parse("scan.png", png, Format::Html).unwrap_err();
    assert!(matches!(err, Error::Binary { .. }));
    assert!(err.to_string().contains("scan.png"));
}

#[test]
fn empty_input_is_a_clean_empty_article() {
    for format in [Format::Html, Format::Text, Format::Markdown] {
        let a = ingest::parse("empty", b"", format).unwrap();
        assert_eq!(a.text, "");
        assert!(a.blocks.is_empty() && a.links.is_empty() && a.suppressed.is_empty());
        assert_eq!(a.title, None);
        assert!(a.warnings.is_empty());
        assert_eq!(
            a.content_hash,
            "sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
        );
        assert_eq!(a.map.locate(0..0).line, 1);
    }
}

#[test]
fn oversized_file_is_refused_with_the_limit_and_flag() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("huge.txt");
    std::fs::write(&path, "x".repeat(5000)).unwrap();
    let opts = Options { max_bytes: 1000 };
    let err = ingest::read(&Input::Path(path.clone()), &opts).unwrap_err();
    let msg = err.to_string();
    assert!(
        matches!(err, Error::TooLarge { limit: 1000, .. }),
        "{err:?}"
    );
    assert!(
        msg.contains("huge.txt") && msg.contains("1000") && msg.contains("--max-size"),
        "{msg}"
    );
    // At the limit is fine.
    std::fs::write(&path, "x".repeat(1000)).unwrap();
    assert_eq!(
        ingest::read(&Input::Path(path), &opts).unwrap().text.len(),
        1000
    );
    assert_eq!(Options::default().max_bytes, 20 * 1024 * 1024);
}

#[test]
fn malformed_html_gives_a_best_effort_article() {
    let doc =
        "<html><body><div><p>Unclosed <b>bold <i>both</b> 25% of</p></i></span></div></div></div>\
               <table><td>7 days<td>3 doses</table><li>stray item</ul></ol>\
               <p>Attr <a href=\"x>broken 10%<!-- unterminated comment";
    let a = html(doc);
    assert!(
        a.text
            .starts_with("Unclosed bold both 25% of\n\n7 days\n\n3 doses\n\nstray item"),
        "{:?}",
        a.text
    );
    check_map(&a, doc.as_bytes());

    // Every prefix of a real page parses cleanly, with a consistent map.
    let page = CLINIC_PAGE.as_bytes();
    for end in (0..page.len()).step_by(5) {
        if !CLINIC_PAGE.is_char_boundary(end) {
            continue;
        }
        let a = ingest::parse("cut.html", &page[..end], Format::Html).unwrap();
        check_map(&a, &page[..end]);
    }
}

#[test]
fn markdown_front_matter_code_and_links() {
    let a = ingest::parse("vitd.md", MARKDOWN.as_bytes(), Format::Markdown).unwrap();
    assert_eq!(a.title.as_deref(), Some("Vitamin D and falls"));
    assert_eq!(
        a.text,
        "Vitamin D: what the trials say\n\n\
         A large trial found no fall reduction at 2,000 IU.\n\n\
         See also the review, and https://doi.org/10.1001/jama.2018.1234."
    );
    let links: Vec<_> = a
        .links
        .iter()
        .map(|l| (l.href.as_str(), &a.text[l.text.clone()]))
        .collect();
    assert_eq!(
        links,
        [
            ("https://pubmed.ncbi.nlm.nih.gov/29101004/", "large trial"),
            ("https://pubmed.ncbi.nlm.nih.gov/30422282/", "the review"),
            (
                "https://doi.org/10.1001/jama.2018.1234",
                "https://doi.org/10.1001/jama.2018.1234"
            ),
        ]
    );
    assert_eq!(a.blocks[0].kind, BlockKind::Heading(1));
    let at = a.text.find("2,000").unwrap();
    let loc = a.map.locate(at..at + 5);
    let line = MARKDOWN.lines().position(|l| l.contains("2,000")).unwrap() + 1;
    let col = MARKDOWN
        .lines()
        .nth(line - 1)
        .unwrap()
        .find("2,000")
        .unwrap()
        + 1;
    assert_eq!((loc.line as usize, loc.column as usize), (line, col));
    assert_eq!(
        raw_at(&a, MARKDOWN.as_bytes(), "2,000 IU"),
        b"2,000&nbsp;IU"
    );
    check_map(&a, MARKDOWN.as_bytes());
}

#[test]
fn text_files_are_verbatim_with_blocks() {
    let doc = "Cholesterol and statins\n\nStatins lower LDL by 30% to 50%.\nMost people tolerate them.\n\nWhat to ask:\n- Is my dose right?\n- Do I need a test (see https://pubmed.ncbi.nlm.nih.gov/99/)?\n1. Fasting\n";
    let a = ingest::parse("notes.txt", doc.as_bytes(), Format::Text).unwrap();
    assert_eq!(a.text, doc);
    assert_eq!(a.title.as_deref(), Some("Cholesterol and statins"));
    let got: Vec<_> = a
        .blocks
        .iter()
        .map(|b| (&doc[b.range.clone()], b.kind))
        .collect();
    assert_eq!(
        got,
        [
            ("Cholesterol and statins", BlockKind::Heading(2)),
            (
                "Statins lower LDL by 30% to 50%.\nMost people tolerate them.",
                BlockKind::Paragraph
            ),
            ("What to ask:", BlockKind::Paragraph),
            ("- Is my dose right?", BlockKind::ListItem),
            (
                "- Do I need a test (see https://pubmed.ncbi.nlm.nih.gov/99/)?",
                BlockKind::ListItem
            ),
            ("1. Fasting", BlockKind::ListItem),
        ]
    );
    assert_eq!(a.links[0].href, "https://pubmed.ncbi.nlm.nih.gov/99/");
    let at = doc.find("50%").unwrap();
    let loc = a.map.locate(at..at + 3);
    assert_eq!((loc.line, loc.column, loc.start), (3, 29, at));
    check_map(&a, doc.as_bytes());

    // A UTF-8 BOM is not part of the text, but offsets still point at the raw bytes.
    let bom = b"\xEF\xBB\xBFDose 5 mg\n";
    let b = ingest::parse("bom.txt", bom, Format::Text).unwrap();
    assert_eq!(b.text, "Dose 5 mg\n");
    assert_eq!(raw_at(&b, bom, "5 mg"), b"5 mg");
}

#[test]
fn suppression_comments_in_html_markdown_and_text() {
    let doc = "<body><p>Keep 10%.</p><!-- claimcheck-ignore --><p>Skip 20%.</p><p>Keep 30%.</p>\
               <!-- claimcheck-disable --><p>Off 40%.</p><ul><li>Off 50%</li></ul>\
               <!-- claimcheck-enable --><p>On 60%.</p><!-- claimcheck-disable --><p>Off 70%.</p></body>";
    let md = "Keep 10%.\n\n<!-- claimcheck-ignore -->\n\nSkip 20%.\n\nKeep 30%.\n\n<!-- claimcheck-disable -->\n\nOff 40%.\n\n- Off 50%\n\n<!-- claimcheck-enable -->\n\nOn 60%.\n\n<!-- claimcheck-disable -->\nOff 70%.\n";
    let txt = "Keep 10%.\n\n<!-- claimcheck-ignore -->\nSkip 20%.\n\nKeep 30%.\n\n<!-- claimcheck-disable -->\nOff 40%.\n\n- Off 50%\n<!-- claimcheck-enable -->\nOn 60%.\n<!-- claimcheck-disable -->\nOff 70%.\n";
    for (name, doc, format) in [
        ("html", doc, Format::Html),
        ("md", md, Format::Markdown),
        ("txt", txt, Format::Text),
    ] {
        let a = ingest::parse(name, doc.as_bytes(), format).unwrap();
        for (figure, suppressed) in [
            ("10%", false),
            ("20%", true),
            ("30%", false),
            ("40%", true),
            ("50%", true),
            ("60%", false),
            ("70%", true),
        ] {
            let at = a.text.find(figure).unwrap();
            assert_eq!(
                a.is_suppressed(at),
                suppressed,
                "{name}: {figure} in {:?} with {:?}",
                a.text,
                a.suppressed
            );
        }
    }
}

#[test]
fn directories_expand_recursively_and_sorted() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::create_dir_all(root.join("sub/deeper")).unwrap();
    std::fs::create_dir_all(root.join(".git")).unwrap();
    for f in [
        "b.html",
        "a.HTM",
        "sub/c.md",
        "sub/deeper/d.txt",
        "sub/e.markdown",
        "notes.pdf",
        ".git/f.html",
        ".hidden.md",
    ] {
        std::fs::write(root.join(f), "x").unwrap();
    }
    let args = vec![
        root.display().to_string(),
        "-".to_owned(),
        "https://clinic.example/post".to_owned(),
    ];
    let inputs = ingest::expand_inputs(&args).unwrap().inputs;
    let expected: Vec<Input> = [
        "a.HTM",
        "b.html",
        "sub/c.md",
        "sub/deeper/d.txt",
        "sub/e.markdown",
    ]
    .iter()
    .map(|f| Input::Path(root.join(f)))
    .chain([
        Input::Stdin,
        Input::Url("https://clinic.example/post".to_owned()),
    ])
    .collect();
    assert_eq!(inputs, expected);

    let missing = root.join("nope.html").display().to_string();
    let err = ingest::expand_inputs(std::slice::from_ref(&missing)).unwrap_err();
    assert!(matches!(err, Error::NotFound { .. }));
    assert!(err.to_string().contains(&missing));

    std::fs::create_dir(root.join("empty")).unwrap();
    let err = ingest::expand_inputs(&[root.join("empty").display().to_string()]).unwrap_err();
    assert!(matches!(err, Error::EmptyDirectory { .. }), "{err:?}");
}

#[test]
fn reading_files_detects_the_format() {
    let dir = tempfile::tempdir().unwrap();
    let md = dir.path().join("post.md");
    std::fs::write(&md, "# Title\n\nBody 5%.\n").unwrap();
    let a = ingest::read(&Input::Path(md.clone()), &Options::default()).unwrap();
    assert_eq!(a.text, "Title\n\nBody 5%.");
    assert_eq!(a.origin, md.display().to_string());
    let err = ingest::read(
        &Input::Path(PathBuf::from("/no/such/file.html")),
        &Options::default(),
    )
    .unwrap_err();
    assert!(matches!(err, Error::NotFound { .. }), "{err:?}");
}

mod url {
    use super::*;
    use wiremock::matchers::{header, method, path};
    use wiremock::{Mock, MockServer, ResponseTemplate};

    /// Starts a loopback server on its own runtime: `ingest::read` runs its own runtime, which
    /// must not be nested inside another.
    fn server() -> (tokio::runtime::Runtime, MockServer) {
        let rt = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(1)
            .enable_all()
            .build()
            .unwrap();
        let server = rt.block_on(MockServer::start());
        (rt, server)
    }

    #[test]
    fn url_is_fetched_with_charset_redirect_and_absolute_links() {
        let (rt, server) = server();
        let body: &[u8] = b"<html><body><article><p>The caf\xe9 study: 12% fewer visits (<a href=\"/sources/1\">source</a>).</p></article></body></html>";
        rt.block_on(async {
            Mock::given(method("GET"))
                .and(path("/blog/post"))
                .and(header(
                    "user-agent",
                    concat!("claimcheck/", env!("CARGO_PKG_VERSION")),
                ))
                .respond_with(
                    ResponseTemplate::new(200)
                        .insert_header("content-type", "text/html; charset=windows-1252")
                        .set_body_bytes(body),
                )
                .mount(&server)
                .await;
            Mock::given(method("GET"))
                .and(path("/old"))
                .respond_with(ResponseTemplate::new(301).insert_header("location", "/blog/post"))
                .mount(&server)
                .await;
        });
        let url = format!("{}/old", server.uri());
        let a = ingest::read(&Input::Url(url.clone()), &Options::default()).unwrap();
        assert_eq!(a.origin, url);
        assert_eq!(a.text, "The caf\u{e9} study: 12% fewer visits (source).");
        assert_eq!(a.links[0].href, format!("{}/sources/1", server.uri()));
        assert_eq!(raw_at(&a, body, "12%"), b"12%");
        check_map(&a, body);

        let small = Options { max_bytes: 50 };
        let err = ingest::read(&Input::Url(url), &small).unwrap_err();
        assert!(matches!(err, Error::TooLarge { limit: 50, .. }), "{err:?}");
    }

    #[test]
    fn http_error_status_names_the_url_and_status() {
        let (rt, server) = server();
        rt.block_on(
            Mock::given(method("GET"))
                .respond_with(ResponseTemplate::new(404))
                .mount(&server),
        );
        let url = format!("{}/gone.html", server.uri());
        let err = ingest::read(&Input::Url(url.clone()), &Options::default()).unwrap_err();
        let msg = err.to_string();
        assert!(matches!(err, Error::Http { .. }));
        assert!(msg.contains(&url) && msg.contains("404"), "{msg}");
    }
}

/// Random edits of real documents never make ingest fail or panic, and the map stays exact.
#[test]
fn mutated_documents_never_break_ingest() {
    const SNIPPETS: &[&str] = &[
        "<",
        ">",
        "&",
        "&amp",
        "&#",
        "&#x1F600;",
        "<!--",
        "-->",
        "\r",
        "\"",
        "'",
        "</p>",
        "<p>",
        "<a href=",
        "</a>",
        "<li>",
        "<script>",
        "</div>",
        "\u{e9}",
        "\u{a0}",
        "[",
        "](",
        "`",
        "```",
        "\n",
        "\n\n",
        "---",
        "# ",
        "- ",
        "\\",
        "https://x.org/",
        ")",
        "<!-- claimcheck-ignore -->",
    ];
    let mut rng = fastrand::Rng::with_seed(7);
    for (doc, format) in [
        (CLINIC_PAGE, Format::Html),
        (PLAIN_PAGE, Format::Html),
        (MARKDOWN, Format::Markdown),
        (MARKDOWN, Format::Text),
    ] {
        for _ in 0..200 {
            let mut s = doc.to_owned();
            for _ in 0..rng.usize(1..8) {
                let mut at = rng.usize(..=s.len());
                while !s.is_char_boundary(at) {
                    at -= 1;
                }
                if rng.bool() {
                    s.insert_str(at, SNIPPETS[rng.usize(..SNIPPETS.len())]);
                } else {
                    let mut end = (at + rng.usize(..20)).min(s.len());
                    while !s.is_char_boundary(end) {
                        end -= 1;
                    }
                    s.replace_range(at..end, "");
                }
            }
            let a = ingest::parse("fuzz", s.as_bytes(), format)
                .unwrap_or_else(|e| panic!("{e} on {s:?}"));
            let checked = std::panic::catch_unwind(|| check_map(&a, s.as_bytes()));
            assert!(
                checked.is_ok(),
                "map check failed for {format:?} input {s:?}"
            );
        }
    }
}
