//! Stretches of a sentence whose digits are not claims: phone numbers, street addresses, ZIP
//! codes, calendar dates, times of day, confidence levels, citation markers and "24/7".
//!
//! The scanner skips any number that starts inside one of these ranges. Everything here is a
//! regular expression compiled once; a sentence with no digit never reaches them.

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

static MASKS: LazyLock<Regex> = LazyLock::new(|| {
    let patterns = [
        // Phone numbers: (555)010-4477, (555) 013-2468, 555-013-2468, 555.013.2468, +1 555 013 2468.
        r"\(?(?-u:\b)\d{3}\)?[ .\-]?\d{3}[ .\-]\d{4}(?-u:\b)",
        r"\+\d{1,3}[ .\-]?\(?\d{2,4}\)?[ .\-]?\d{3}[ .\-]?\d{3,4}(?-u:\b)",
        // Street addresses: "2100 Example Ave", "1200 Harbor Blvd", "12 North Main Street".
        r"(?-u:\b)\d{1,6}(?: [A-Z][A-Za-z]+\.?){1,4} (?:St|Street|Ave|Avenue|Blvd|Boulevard|Rd|Road|Dr|Drive|Ln|Lane|Way|Pkwy|Parkway|Hwy|Highway|Ct|Court|Pl|Place|Ter|Terrace|Cir|Circle|Sq|Square|Pike|Plaza|Trail)(?-u:\b)\.?",
        // Suite, unit and floor numbers.
        r"(?-u:\b)(?:Suite|Ste|Unit|Floor|Fl|Apt|Room|Building|Bldg)\.? ?#?\d+[A-Z]?(?-u:\b)",
        // ZIP codes after a state abbreviation: "IL 62704", "OR 97201-1234".
        r"(?-u:\b)[A-Z]{2},? \d{5}(?:-\d{4})?(?-u:\b)",
        // Dates: "December 25, 2025", "Dec. 4", "3 March 2026", "2025-12-25", "12/25/2025".
        r"(?-u:\b)(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)(?:[a-z]{0,6})\.? \d{1,2}(?:st|nd|rd|th)?(?:, ?\d{4})?(?-u:\b)",
        r"(?-u:\b)\d{1,2}(?:st|nd|rd|th)? (?:January|February|March|April|May|June|July|August|September|October|November|December)(?: \d{4})?(?-u:\b)",
        r"(?-u:\b)(?:January|February|March|April|May|June|July|August|September|October|November|December),? \d{4}(?-u:\b)",
        r"(?-u:\b)\d{4}-\d{2}-\d{2}(?-u:\b)",
        r"(?-u:\b)\d{1,2}/\d{1,2}/\d{2,4}(?-u:\b)",
        // Times of day: "9:00 am", "5 pm", "17:30".
        r"(?i)(?-u:\b)\d{1,2}(?::\d{2})? ?(?:am|pm|a\.m\.|p\.m\.)",
        r"(?-u:\b)\d{1,2}:\d{2}(?-u:\b)",
        // Confidence levels: "95% CI", "95% confidence interval".
        r"(?i)(?-u:\b)9[059](?:\.\d)? ?%(?: |-)?(?:(?:two|2|one|1)[ -]sided )?(?:CI|confidence|credible|cl(?-u:\b))",
        // Round-the-clock phrases: "24/7", "24 hours a day", "7 days a week" ("2 days a week"
        // of therapy is a frequency).
        r"(?-u:\b)24/7(?-u:\b)",
        r"(?i)(?-u:\b)(?:24 hours? (?:a|per|each) day|7 days? (?:a|per|each) week|365 days? (?:a|per|each) year)(?-u:\b)",
        // Citation markers: "[3]", "[1, 4]", "[2–5]".
        r"\[\d+(?:[,–\-] ?\d+)*\]",
        // Author-year citations: "(Zarate et al., 2006)", "(Smith and Jones 2019)".
        r"\((?:[A-Z][A-Za-z'’\-]+)(?: (?:et al\.?|and|&) ?(?:[A-Z][A-Za-z'’\-]+)?)*,? (?:19|20)\d{2}[a-z]?(?:; [^)]{0,80})?\)",
        // Web addresses and DOIs: "https://doi.org/10.1176/appi.ajp.2018.18070834".
        r"(?i)(?:https?://|www\.)[^\s<>()]+",
        r"(?-u:\b)10\.\d{4,9}/[^\s<>()]+",
        // Copyright lines.
        r"(?:©|\(c\)|Copyright) ?(?:19|20)\d{2}",
    ]
    .iter()
    .map(|p| format!("(?:{p})"))
    .collect::<Vec<_>>()
    .join("|");
    // One alternation scans a sentence once; word boundaries are ASCII so the fast DFA engines
    // apply (a Unicode `\b` forces a slower backtracking search).
    Regex::new(&patterns).expect("mask patterns are valid")
});

/// The byte ranges of `sentence` that hold non-claim numbers, sorted by start.
pub(crate) fn masked(sentence: &str) -> Vec<Range<usize>> {
    // Every mask but a web address holds a digit: a sentence whose figures are all words ("six
    // infusions over two weeks") and that names no site needs no scan.
    let digitless = !sentence.bytes().any(|b| b.is_ascii_digit());
    if digitless && !sentence.contains("://") && !sentence.to_ascii_lowercase().contains("www.") {
        return Vec::new();
    }
    MASKS.find_iter(sentence).map(|m| m.range()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn covered(s: &str, needle: &str) -> bool {
        let at = s.find(needle).expect("needle in sentence");
        masked(s).iter().any(|r| r.contains(&at))
    }

    #[test]
    fn masks_non_claims() {
        assert!(covered("Call us at (555)010-4477 today.", "555"));
        assert!(covered("Call (555) 013-2468 or 555.013.2468.", "013-2468"));
        assert!(covered(
            "2100 Example Ave Suite 210, Springfield, IL 62704",
            "2100"
        ));
        assert!(covered(
            "2100 Example Ave Suite 210, Springfield, IL 62704",
            "210"
        ));
        assert!(covered(
            "2100 Example Ave Suite 210, Springfield, IL 62704",
            "62704"
        ));
        assert!(covered("Posted December 25, 2025 by staff", "25"));
        assert!(covered("Open 9:00 am – 5 pm", "9:00"));
        assert!(covered("Open 9:00 am – 5 pm", "5 pm"));
        assert!(covered("OR 9.87 (95% CI 4.37–22.29)", "95%"));
        assert!(covered("a 95% two sided confidence interval", "95%"));
        assert!(covered("the 90% one-sided confidence bound", "90%"));
        assert!(covered("We answer 24/7.", "24/7"));
        assert!(covered("as shown before [3].", "3]"));
        assert!(covered("a trial (Zarate et al., 2006) found", "2006"));
        assert!(covered("© 2026 Clinic", "2026"));
        assert!(covered(
            "See https://doi.org/10.1176/x.2018.18070834 now.",
            "2018"
        ));
        assert!(covered("See doi 10.1001/jama.2019.123 now.", "2019"));
        // A web address needs no digit to be masked: number words in it are not figures.
        assert!(covered("More at WWW.TwoWeeks.example/six-sessions.", "six"));
        assert!(covered("Read https://example.org/ten-tips first.", "ten"));
    }

    #[test]
    fn leaves_claims_alone() {
        // A share of people who chose a side is a claim, whatever follows it.
        assert!(masked("About 95% two sided with us.").is_empty());
        let s =
            "Traditional antidepressants may take 4–6 weeks; response in 70–80% of 27 patients.";
        assert!(masked(s).is_empty(), "{:?}", masked(s));
    }
}
