//! Extraction over small articles built in the test: blocks, sources, boilerplate, ids.

use super::*;
use crate::model::{
    Block, CitedBy, FoundIn, Link, ReviewStatus, SourceKind, SourceMap, SourceRole, Unit,
};

/// A text article: blocks are runs of non-blank lines; `[anchor](url)` is not parsed, but every
/// `<url>` written as `@@url@@` becomes a link on the preceding word.
fn article(text: &str, links: &[(&str, &str)]) -> Article {
    let mut blocks = Vec::new();
    let mut start = None;
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let blank = line.trim().is_empty();
        match (blank, start) {
            (false, None) => start = Some(offset),
            (true, Some(s)) => {
                blocks.push(block(text, s, offset));
                start = None;
            }
            _ => {}
        }
        offset += line.len();
    }
    if let Some(s) = start {
        blocks.push(block(text, s, text.len()));
    }
    let links: Vec<Link> = links
        .iter()
        .map(|(anchor, href)| {
            let at = text.find(anchor).expect("anchor in text");
            Link {
                href: (*href).to_owned(),
                text: at..at + anchor.len(),
            }
        })
        .collect();
    let citations = crate::ingest::citations_of(text, &blocks, &links);
    Article {
        origin: "test.txt".to_owned(),
        title: None,
        text: text.to_owned(),
        blocks,
        links,
        citations,
        suppressed: Vec::new(),
        map: SourceMap::identity(text),
        content_hash: "sha256:0".to_owned(),
        warnings: Vec::new(),
    }
}

fn block(text: &str, start: usize, end: usize) -> Block {
    let s = text[start..end].trim_end();
    let kind = if s.len() < 60 && !s.ends_with('.') {
        BlockKind::Heading(2)
    } else {
        BlockKind::Paragraph
    };
    Block {
        range: start..start + s.len(),
        kind,
    }
}

#[test]
fn claims_carry_location_subject_and_sentence() {
    let text = "Ketamine Care\n\nOur team is here.\nIn trials, 64% of patients responded to ketamine at 24 hours.\n";
    let file = extract(&article(text, &[]));
    assert_eq!(file.claims.len(), 2, "{:#?}", file.claims);
    let c = &file.claims[0];
    assert_eq!(c.quote, "64%");
    assert_eq!(c.kind, ClaimKind::ResponseRate);
    assert_eq!(c.subject, "ketamine response rate");
    assert_eq!(c.location.line, 4);
    assert_eq!(c.location.column, 12);
    assert_eq!(&text[c.location.start..c.location.end], "64%");
    assert_eq!(
        c.sentence,
        "In trials, 64% of patients responded to ketamine at 24 hours."
    );
    assert!(c.sources.is_empty());
    assert!(c.id.starts_with('c') && c.id.len() == 11);
}

#[test]
fn sources_come_from_sentence_then_paragraph_then_reference_list() {
    let md = "\
# Results

In one trial 64% of patients responded within 24 hours ([see the trial](https://pubmed.ncbi.nlm.nih.gov/23982301/)). About 30% of people have TRD.

Relapse came after 18 days on average. Half relapsed within a month ([relapse study](https://pubmed.ncbi.nlm.nih.gov/24000001/)).

In [a relapse trial](https://pubmed.ncbi.nlm.nih.gov/24000002/) adults kept taking the spray. Among them, 26.7% relapsed within a year.

Sessions take 45–60 minutes.

## References

- [Zarate trial](https://doi.org/10.1001/archpsyc.63.8.856)
- [Mayo page](https://www.mayoclinic.org/trd)
";
    let a =
        crate::ingest::parse("results.md", md.as_bytes(), crate::ingest::Format::Markdown).unwrap();
    let file = extract(&a);
    let by_quote = |q: &str| {
        file.claims
            .iter()
            .find(|c| c.quote == q)
            .unwrap_or_else(|| panic!("no claim {q}: {:#?}", file.claims))
    };
    let how = |q: &str| {
        let a = by_quote(q).attachment.as_ref().expect("attached");
        (a.how, a.found_in)
    };
    assert_eq!(by_quote("64%").sources, ["pmid:23982301"]);
    assert_eq!(how("64%"), (CitedBy::Link, FoundIn::Sentence));
    // The paragraph's closing citation stands for its earlier sentences…
    assert_eq!(by_quote("18 days").sources, ["pmid:24000001"]);
    assert_eq!(how("18 days"), (CitedBy::Link, FoundIn::Paragraph));
    // A study an earlier sentence introduces stands for the sentences after it…
    assert_eq!(by_quote("26.7%").sources, ["pmid:24000002"]);
    assert_eq!(how("26.7%"), (CitedBy::Link, FoundIn::Paragraph));
    // …but a citation that closes an earlier sentence cites that sentence only.
    assert_eq!(
        by_quote("About 30%").sources,
        ["doi:10.1001/archpsyc.63.8.856"]
    );
    assert_eq!(how("About 30%"), (CitedBy::ReferenceList, FoundIn::Article));
    // No citation of its own: the reference list's research sources apply, not its web pages.
    assert_eq!(
        by_quote("45–60 minutes").sources,
        ["doi:10.1001/archpsyc.63.8.856"]
    );
    assert_eq!(
        how("45–60 minutes"),
        (CitedBy::ReferenceList, FoundIn::Article)
    );
    let kinds: Vec<_> = file.sources.iter().map(|s| (s.kind, s.role)).collect();
    assert_eq!(
        kinds,
        [
            (SourceKind::Pubmed, SourceRole::Inline),
            (SourceKind::Pubmed, SourceRole::Inline),
            (SourceKind::Pubmed, SourceRole::Inline),
            (SourceKind::Doi, SourceRole::Reference),
            (SourceKind::Web, SourceRole::Reference),
        ]
    );
}

#[test]
fn citations_in_words_are_sources() {
    let text = "\
Evidence

A landmark study published in the American Journal of Psychiatry in 2017 found relief within 24 hours. Another trial (Zarate et al., 2006) reported that 71% responded.
";
    let file = extract(&article(text, &[]));
    let cites: Vec<_> = file
        .sources
        .iter()
        .filter(|s| s.kind == SourceKind::Citation)
        .map(|s| s.text.as_str())
        .collect();
    assert_eq!(
        cites,
        [
            "A landmark study published in the American Journal of Psychiatry in 2017",
            "(Zarate et al., 2006)"
        ]
    );
    assert_eq!(file.claims.len(), 2, "{:#?}", file.claims);
    assert_eq!(file.claims[0].quote, "within 24 hours");
    assert_eq!(file.claims[0].sources.len(), 1);
    assert_ne!(file.claims[0].sources, file.claims[1].sources);
}

#[test]
fn navigation_links_are_not_sources() {
    let text = "Call us\n\nBook a visit: 64% of patients respond, see our page or call.\n";
    let file = extract(&article(
        text,
        &[("our page", "/about-us"), ("call", "tel:5550132468")],
    ));
    assert!(file.sources.is_empty());
    assert!(file.claims[0].sources.is_empty());
}

/// See: issue 8 (a plain-text article that opened with a date line yielded no claims).
#[test]
fn date_lines_do_not_end_the_article() {
    let text = "\
January 5, 2026 / By Dr. Jane Roe
Ketamine care

Most patients respond within 24–48 hours.

March 5, 2026
Nearly 1 in 3 teens report anxiety, a post says.
";
    let file = extract(&article(text, &[]));
    let quotes: Vec<_> = file.claims.iter().map(|c| c.quote.as_str()).collect();
    assert_eq!(quotes, ["within 24–48 hours", "Nearly 1 in 3"]);
}

#[test]
fn post_lists_after_the_article_are_skipped() {
    let text = "Ketamine\n\nIt takes 45 minutes.\n\nRecent Posts\n\nWhy 50% of people are wrong.\n";
    let file = extract(&article(text, &[]));
    assert_eq!(file.claims.len(), 1);
}

#[test]
fn suppressed_claims_are_marked_by_the_author_not_the_reviewer() {
    let text = "Title\n\nWe see 92% response.\n\nWe see 60% response.\n";
    let mut a = article(text, &[]);
    let at = text.find("We see 92%").unwrap();
    a.suppressed.push(at..at + 20);
    let file = extract(&a);
    let first = &file.claims[0];
    assert!(first.suppressed);
    // The reviewer's own status and note are untouched: the author's decision is its own field.
    assert_eq!(
        (first.status, first.note.as_deref()),
        (ReviewStatus::Unreviewed, None)
    );
    assert_eq!(
        first.effective_status(),
        (ReviewStatus::Ignored, crate::model::DecidedBy::Author)
    );
    assert!(!file.claims[1].suppressed);
    assert!(!file.claims[1].is_skipped());
}

#[test]
fn ids_are_stable_across_edits_and_unique() {
    let one = "Title\n\nPatients respond within 24 hours.\n\nAgain, within 24 hours.\n";
    let two = "New intro paragraph added here.\n\nTitle\n\nPatients respond within 24 hours.\n\nAgain, within 24 hours.\n";
    let a = extract(&article(one, &[]));
    let b = extract(&article(two, &[]));
    let ids_a: Vec<_> = a.claims.iter().map(|c| c.id.clone()).collect();
    let ids_b: Vec<_> = b.claims.iter().map(|c| c.id.clone()).collect();
    assert_eq!(ids_a, ids_b);
    assert_ne!(ids_a[0], ids_a[1], "a repeated quote in another sentence");
    assert_ne!(a.claims[0].location, b.claims[0].location);
    // Deleting the first sentence leaves the second claim's id alone.
    let three = "Title\n\nAgain, within 24 hours.\n";
    let c = extract(&article(three, &[]));
    assert_eq!(c.claims[0].id, ids_a[1]);
}

#[test]
fn repeated_sentences_get_distinct_ids_and_contexts() {
    let text = "Title\n\nOne. It works in 64% of people. Two.\n\nThree. It works in 64% of people. Four.\n";
    let file = extract(&article(text, &[]));
    assert_eq!(file.claims.len(), 2);
    assert_ne!(file.claims[0].id, file.claims[1].id);
    assert_ne!(file.claims[0].context, file.claims[1].context);
    // The same quote twice in one sentence: the occurrence is part of the context.
    let text = "Title\n\nAt week 1 it was 64% and at week 4 it was 64% again.\n";
    let file = extract(&article(text, &[]));
    let contexts: Vec<_> = file.claims.iter().map(|c| c.context.clone()).collect();
    assert_eq!(contexts.len(), 2, "{contexts:?}");
    assert!(
        !contexts[0].contains('/') && contexts[1].ends_with("/2"),
        "{contexts:?}"
    );
}

#[test]
fn ids_are_unique_within_a_repository() {
    let text = "Title\n\nIt works in 64% of people.\n";
    let a = extract_as(&article(text, &[]), "content/a/index.md");
    let b = extract_as(&article(text, &[]), "content/b/index.md");
    assert_eq!(a.article.path, "content/a/index.md");
    assert_ne!(a.claims[0].id, b.claims[0].id);
}

#[test]
fn values_and_units_survive_into_claims() {
    let text = "Dosing\n\nThe dose is 0.5 mg/kg over 40 minutes, in 27 participants.\n";
    let file = extract(&article(text, &[]));
    let got: Vec<_> = file
        .claims
        .iter()
        .map(|c| (c.quote.as_str(), c.kind, c.value.unit))
        .collect();
    assert_eq!(
        got,
        [
            ("0.5 mg/kg", ClaimKind::Dose, Unit::MgPerKg),
            ("40 minutes", ClaimKind::SessionDuration, Unit::Minutes),
            ("27 participants", ClaimKind::SampleSize, Unit::Count)
        ]
    );
}

#[test]
fn a_run_without_sentence_ends_keeps_every_figure_in_bounded_sentences() {
    // A flattened table: thousands of figures and no full stop. Each claim stores its sentence,
    // so an unbounded "sentence" made extraction quadratic in time and memory (a 350 KB run took
    // over two minutes and 8 GB).
    let cells: Vec<String> = (0..3_000)
        .map(|i| format!("{}% in arm {}", i % 97 + 1, i))
        .collect();
    let text = format!("Results by arm (PubMed 12345678): {}.\n", cells.join(", "));
    let file = extract(&article(&text, &[]));
    let percents = file
        .claims
        .iter()
        .filter(|c| c.value.unit == Unit::Percent)
        .count();
    assert_eq!(percents, 3_000);
    for c in &file.claims {
        assert!(c.sentence.len() <= quantity::sentences::MAX_SENTENCE_BYTES);
        assert!(
            c.sentence.contains(&c.quote),
            "{} not in its sentence",
            c.quote
        );
    }
}

#[test]
fn a_title_names_the_page_before_its_site_name() {
    assert_eq!(
        page_title("Acupuncture for Anxiety | Harbor Acupuncture"),
        "Acupuncture for Anxiety"
    );
    assert_eq!(
        page_title("Semaglutide – What to Expect – Lakeside Wellness"),
        "Semaglutide"
    );
    assert_eq!(page_title("TMS Therapy - Bay Clinic"), "TMS Therapy");
    // Counterexamples: dashes inside words and titles without a site part stay whole.
    assert_eq!(
        page_title("Treatment-Resistant Depression and Ketamine"),
        "Treatment-Resistant Depression and Ketamine"
    );
    assert_eq!(
        page_title("How Long Does Botox Last?"),
        "How Long Does Botox Last?"
    );
    // The site's name no longer stands in for a claim's treatment.
    let mut a = article("Patients saw relief: 60% improved after 8 weeks.\n", &[]);
    a.title = Some("Anxiety Care | Harbor Acupuncture".into());
    let file = extract(&a);
    assert_eq!(file.claims.len(), 2);
    assert!(file
        .claims
        .iter()
        .all(|c| c.measure.intervention.as_deref() != Some("Harbor Acupuncture")));
    a.title = Some("Ketamine for Anxiety | Harbor Clinic".into());
    let file = extract(&a);
    assert_eq!(
        file.claims[0].measure.intervention.as_deref(),
        Some("ketamine")
    );
}

/// The claim whose quote holds `q`.
fn claim_quoting<'a>(file: &'a ClaimsFile, q: &str) -> &'a Claim {
    file.claims
        .iter()
        .find(|c| c.quote.contains(q))
        .unwrap_or_else(|| panic!("no claim {q}: {:#?}", file.claims))
}

#[test]
fn a_page_citing_research_only_in_its_prose_checks_every_claim_against_it() {
    // The study is linked in one paragraph; the session count in another cites nothing itself.
    let md = "\
# Electroconvulsive therapy

A course usually runs to 8 to 12 treatments, given three times a week.

Up to 80% of patients improve, as [a multicentre study](https://pubmed.ncbi.nlm.nih.gov/15000001/) found.

Our clinic has treated 1,200 patients.
";
    let a = crate::ingest::parse("ect.md", md.as_bytes(), crate::ingest::Format::Markdown).unwrap();
    let file = extract(&a);
    let claim = |q: &str| claim_quoting(&file, q);
    assert_eq!(claim("8 to 12").sources, ["pmid:15000001"]);
    let how = claim("8 to 12").attachment.as_ref().expect("attached");
    assert_eq!((how.how, how.found_in), (CitedBy::Link, FoundIn::Article));
    assert!(!how.is_direct());
    assert_eq!(claim("80%").sources, ["pmid:15000001"]);
    assert_eq!(claim("1,200").sources, ["pmid:15000001"]);
    // Counterexample: a web page is no study, and a page that links only web pages leaves
    // claims that cite nothing themselves unsourced.
    let web_only = "\
# Electroconvulsive therapy

A course usually runs to 8 to 12 treatments.

Read [our guide](https://example-health.test/ect-guide) to learn more.
";
    let a = crate::ingest::parse(
        "ect.md",
        web_only.as_bytes(),
        crate::ingest::Format::Markdown,
    )
    .unwrap();
    let file = extract(&a);
    assert!(file.claims[0].sources.is_empty(), "{:#?}", file.claims);
    assert!(file.claims[0].attachment.is_none());
}

#[test]
fn a_study_of_so_many_people_is_one_study_not_the_field() {
    let md = "\
# Testosterone

The evidence comes from [a national trial](https://pubmed.ncbi.nlm.nih.gov/15000002/) and [a registry](https://pubmed.ncbi.nlm.nih.gov/15000003/).

In this landmark study of 790 men, 21% walked farther.

The study of ageing has grown: 40% of men over 65 have low levels.
";
    let a = crate::ingest::parse("t.md", md.as_bytes(), crate::ingest::Format::Markdown).unwrap();
    let file = extract(&a);
    let claim = |q: &str| claim_quoting(&file, q);
    // "this … study of 790 men" refers back to the study cited last…
    let how = claim("21%").attachment.as_ref().expect("attached");
    assert_eq!(how.found_in, FoundIn::Earlier);
    assert_eq!(claim("21%").sources, ["pmid:15000003"]);
    // …"the study of ageing" is the field, and of two studies in the prose neither stands for a
    // claim that cites nothing itself.
    assert!(claim("40%").sources.is_empty(), "{:#?}", claim("40%"));
    assert!(claim("40%").attachment.is_none());
}

#[test]
fn a_section_citing_one_study_checks_its_later_claims_against_it() {
    // Two sections, each with its own trial; the claims after each citation cite nothing
    // themselves.
    let md = "\
# Oral appliances

Up to 70% of people with sleep apnea are undiagnosed.

A crossover trial compared a splint with CPAP ([Okafor, 2019](https://pubmed.ncbi.nlm.nih.gov/15000004/)).

The splint lowered the index to 9.8 events per hour.

Patients wore it 6.1 hours a night.

## Newer devices

A device that adjusts itself was tried in 40 adults ([2023](https://pubmed.ncbi.nlm.nih.gov/15000005/)).

Lying on their backs, patients reached 7.2 events per hour.
";
    let a = crate::ingest::parse("osa.md", md.as_bytes(), crate::ingest::Format::Markdown).unwrap();
    let file = extract(&a);
    let claim = |q: &str| claim_quoting(&file, q);
    assert_eq!(claim("9.8").sources, ["pmid:15000004"]);
    assert_eq!(claim("6.1").sources, ["pmid:15000004"]);
    let how = claim("6.1").attachment.as_ref().expect("attached");
    assert_eq!((how.how, how.found_in), (CitedBy::Link, FoundIn::Section));
    assert!(!how.is_direct());
    // The next section's study stands for the claims after it, not the first section's.
    assert_eq!(claim("7.2").sources, ["pmid:15000005"]);
    // Counterexamples: a claim before its section's citation, and a claim after two studies in
    // one section, cite nothing.
    assert!(claim("70%").sources.is_empty(), "{:#?}", claim("70%"));
    let two = "\
# Oral appliances

Two trials compared splints with CPAP ([one](https://pubmed.ncbi.nlm.nih.gov/15000004/), [two](https://pubmed.ncbi.nlm.nih.gov/15000006/)).

Patients wore the splint 6.1 hours a night.
";
    let a =
        crate::ingest::parse("two.md", two.as_bytes(), crate::ingest::Format::Markdown).unwrap();
    let file = extract(&a);
    assert!(claim_quoting(&file, "6.1").sources.is_empty());
}

#[test]
fn a_section_study_stands_before_the_page_reference_list() {
    // A page with a reference list that also links one study in a section's prose: the claims
    // after that link are checked against it, as a reader takes them, not against every entry.
    let md = "\
# Gel injections for the knee

A trial of gel shots against saline ([Lindqvist, 2018](https://pubmed.ncbi.nlm.nih.gov/15000007/)) followed 300 adults.

Pain scores fell by 28 mm by week 12.

## Cost

A course of three shots costs about $900.

## Older work

An early series of gel shots was reported in 1998 (Okafor et al., 1998).

Relief lasted 5 months on average.

## References

1. Lindqvist A, Berg C. Gel shots for knee pain: a randomized trial. J Knee Res. 2018. PMID: 15000007
2. Moreau B. Saline injections in knee trials. Arthritis Rev. 2016. PMID: 15000008
";
    let a =
        crate::ingest::parse("knee.md", md.as_bytes(), crate::ingest::Format::Markdown).unwrap();
    let file = extract(&a);
    let claim = |q: &str| claim_quoting(&file, q);
    assert_eq!(claim("28 mm").sources, ["pmid:15000007"]);
    let how = claim("28 mm").attachment.as_ref().expect("attached");
    assert_eq!(how.found_in, FoundIn::Section);
    // Counterexample: a section that links no study leaves its claims to the reference list.
    let how = claim("$900").attachment.as_ref().expect("attached");
    assert_eq!(
        (how.how, how.found_in),
        (CitedBy::ReferenceList, FoundIn::Article)
    );
    assert_eq!(claim("$900").sources.len(), 2, "{:#?}", claim("$900"));
    // Nor does a study named in words that no entry matches: the list is as good a guess.
    let how = claim("5 months").attachment.as_ref().expect("attached");
    assert_eq!(how.how, CitedBy::ReferenceList);
}

#[test]
fn a_counter_takes_what_it_measures_from_its_caption() {
    // Counters: a figure alone on its line, its caption on the next.
    let text = "\
Our results

72%

Reported lasting improvement in their pain

1,500+

Patients treated since we opened

40%

Of our clients book a second visit
";
    let file = extract(&article(text, &[]));
    let got: Vec<_> = file
        .claims
        .iter()
        .map(|c| (c.quote.as_str(), c.kind, c.value.low))
        .collect();
    assert_eq!(
        got,
        [
            ("72%", ClaimKind::ResponseRate, Some(72.0)),
            // A bare count is read with its caption, as the clinic's tally.
            ("1,500+", ClaimKind::Other, Some(1500.0)),
            ("40%", ClaimKind::OtherPercentage, Some(40.0)),
        ]
    );
    // A number alone on its line with no caption below stays what it was: nothing.
    let file = extract(&article("Call us\n\n2024\n", &[]));
    assert!(file.claims.is_empty(), "{:#?}", file.claims);
    // Two counters in a row are not each other's caption.
    let file = extract(&article("86%\n\n95%\n\nof patients improved\n", &[]));
    assert_eq!(claim_quoting(&file, "95%").kind, ClaimKind::ResponseRate);
    assert_ne!(claim_quoting(&file, "86%").kind, ClaimKind::ResponseRate);
}

#[test]
fn a_control_is_never_the_page_default_treatment() {
    // Placebo is named in three sentences, the drug in one: a figure whose sentence names
    // neither is still about the drug.
    let text = "\
In one trial, 64% responded to ketamine, compared with 30% on placebo.

By week 8, 58% were still responding, against 22% on placebo.

Relapse was 41% for placebo.

Symptom scores fell by 44% within 2 weeks.
";
    let file = extract(&article(text, &[]));
    assert_eq!(
        claim_quoting(&file, "44%").measure.intervention.as_deref(),
        Some("ketamine")
    );
    // Counterexample: a figure its own sentence ties to placebo keeps it.
    assert_eq!(
        claim_quoting(&file, "41%").measure.intervention.as_deref(),
        Some("placebo")
    );
}
