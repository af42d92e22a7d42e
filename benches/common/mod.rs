//! Generated clinic articles for the benchmarks: deterministic, varied, realistic in size and in
//! the density of numbers, links and boilerplate. Written for this project; no real text.

#![allow(dead_code)]

/// A small deterministic generator (xorshift), so every run benches the same corpus.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(seed.max(1))
    }

    pub fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0 = x;
        x
    }

    pub fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[(self.next() % items.len() as u64) as usize]
    }

    pub fn range(&mut self, lo: u64, hi: u64) -> u64 {
        lo + self.next() % (hi - lo + 1)
    }
}

const TREATMENTS: &[&str] = &[
    "ketamine",
    "IV ketamine",
    "esketamine nasal spray",
    "ketamine infusion therapy",
];
const SOURCES: &[&str] = &[
    "https://pubmed.ncbi.nlm.nih.gov/23982301/",
    "https://pubmed.ncbi.nlm.nih.gov/16894061/",
    "https://doi.org/10.1001/jamapsychiatry.2019.1189",
    "https://pubmed.ncbi.nlm.nih.gov/30922101/",
    "https://europepmc.org/abstract/MED/10686270",
    "https://pubmed.ncbi.nlm.nih.gov/99000001/",
    "https://www.mayoclinic.org/diseases-conditions/depression",
];
const FILLER: &[&str] = &[
    "Our care team walks every patient through the process before the first visit.",
    "Many people arrive after years of trying one medication after another.",
    "We tailor each plan to the person's history, goals and current symptoms.",
    "Comfort matters, so our treatment rooms are quiet and softly lit.",
    "Family members are welcome to ask questions at any point during care.",
    "The science of how the brain adapts continues to grow every year.",
    "Insurance coverage varies, and our staff can help you understand your options.",
    "A licensed clinician monitors vital signs throughout every appointment.",
];

/// One claim sentence, with or without a source link (`link` formats the anchor).
fn claim_sentence(rng: &mut Rng, link: &dyn Fn(&str, &str) -> String) -> String {
    let t = rng.pick(TREATMENTS);
    let lo = rng.range(40, 70);
    let hi = lo + rng.range(5, 20);
    let s = match rng.next() % 8 {
        0 => format!("Studies suggest {t} helps {lo}–{hi}% of patients respond"),
        1 => format!(
            "About {}% of adults treated for depression have treatment-resistant depression",
            rng.range(25, 35)
        ),
        2 => format!(
            "Most people notice relief from {t} within {}–{} hours",
            rng.range(2, 24),
            rng.range(25, 72)
        ),
        3 => format!("Each session lasts about {} minutes", rng.range(40, 60)),
        4 => format!(
            "Remission was reported in {}% of patients after {} infusions",
            rng.range(20, 40),
            rng.range(4, 8)
        ),
        5 => "A typical course is six infusions over two to three weeks".to_owned(),
        6 => format!(
            "Relapse occurred in {}% with continued {t} versus {}% with placebo",
            rng.range(20, 30),
            rng.range(40, 55)
        ),
        _ => "Traditional antidepressants can take weeks or even months to work".to_owned(),
    };
    if rng.next().is_multiple_of(2) {
        let href = rng.pick(SOURCES);
        format!("{s}, according to {}.", link(href, "a published study"))
    } else {
        format!("{s}.")
    }
}

/// Three to six sentences of prose with no numbers.
fn paragraph(rng: &mut Rng, out: &mut String) {
    for _ in 0..rng.range(3, 6) {
        out.push_str(rng.pick(FILLER));
        out.push(' ');
    }
}

/// A plain-text clinic article of roughly `target` bytes.
pub fn text_article(rng: &mut Rng, target: usize) -> String {
    let mut out = String::from("How Ketamine Helps Treatment-Resistant Depression\n\n");
    let plain = |href: &str, anchor: &str| format!("{anchor} ({href})");
    while out.len() < target {
        out.push_str("Understanding Your Options\n\n");
        for _ in 0..rng.range(2, 5) {
            paragraph(rng, &mut out);
            // Three paragraphs in five state a number: about one claim per 650 bytes, a little
            // denser than the seed articles (one per 950).
            if rng.next() % 5 < 3 {
                out.push_str(&claim_sentence(rng, &plain));
            }
            out.push_str("\n\n");
        }
        out.push_str("  • Call (555) 013-2468 to book a consultation\n  • Visit us at 1200 Harbor Blvd, Suite 300\n\n");
    }
    out.push_str("Sources:\n\nhttps://pubmed.ncbi.nlm.nih.gov/23982301/\n");
    out
}

/// An HTML clinic page of roughly `target` bytes, with the boilerplate real pages carry.
pub fn html_article(rng: &mut Rng, target: usize) -> String {
    let mut out = String::from(
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Ketamine for TRD | Harborlight</title>\
<style>body{font-family:sans-serif}.nav a{margin:0 8px}</style><script>window.dataLayer=[];function g(){dataLayer.push(arguments)}</script></head><body>\
<header class=\"site-header\"><nav class=\"nav\"><a href=\"/\">Home</a><a href=\"/about\">About</a><a href=\"/contact\">Contact</a></nav></header>\
<div class=\"cookie-banner\">We use cookies. <button>Accept</button></div><main><article><h1>Ketamine for Treatment-Resistant Depression</h1>\n",
    );
    let anchor = |href: &str, text: &str| format!("<a href=\"{href}\">{text}</a>");
    while out.len() < target {
        out.push_str("<h2>What the research says</h2>\n");
        for _ in 0..rng.range(2, 5) {
            out.push_str("<p>");
            paragraph(rng, &mut out);
            if rng.next() % 5 < 3 {
                out.push_str(&claim_sentence(rng, &anchor).replace('–', "&ndash;"));
            }
            out.push_str("</p>\n");
        }
        out.push_str("<ul><li>Quiet private suites</li><li>Board-certified staff</li><li>Flexible &amp; early hours</li></ul>\n");
    }
    out.push_str(
        "</article></main><aside class=\"sidebar\"><h3>Recent Posts</h3><ul><li>March 3, 2026: 5 tips</li></ul></aside>\
<form class=\"contact\"><input name=\"phone\" placeholder=\"(555) 013-2468\"><button>Send</button></form>\
<footer>© 2026 Harborlight · 1200 Harbor Blvd, Suite 300, Springfield, IL 62704</footer></body></html>\n",
    );
    out
}

/// Writes `count` generated text articles of about `size` bytes into `dir`.
pub fn write_articles(dir: &std::path::Path, count: usize, size: usize, seed: u64) {
    std::fs::create_dir_all(dir).expect("articles dir");
    let mut rng = Rng::new(seed);
    for i in 0..count {
        let body = text_article(&mut rng, size);
        std::fs::write(dir.join(format!("post-{i:05}.txt")), body).expect("write article");
    }
}

/// The committed offline cache of the fixture records (read only: `--offline` never writes).
pub fn fixture_cache() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/pubmed")
}

/// Runs the command line `args` (after the program name) in-process through `app::run`, the
/// same path the binary takes, and returns its exit status and the size of what it printed.
pub fn run_app(args: &[&str]) -> (claimcheck::app::ExitStatus, usize) {
    use clap::Parser;
    let cli = claimcheck::cli::Cli::try_parse_from(
        std::iter::once("claimcheck").chain(args.iter().copied()),
    )
    .expect("valid arguments");
    let mut out = Vec::new();
    let mut err = Vec::new();
    let mut io = claimcheck::app::Io {
        stdout: &mut out,
        stderr: &mut err,
        color: false,
        stderr_is_terminal: false,
        quiet: true,
        verbose: false,
        annotate: false,
    };
    let status = claimcheck::app::run(cli, &mut io).expect("the command runs");
    (status, out.len())
}
