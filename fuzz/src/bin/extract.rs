//! Text and Markdown ingest, then the claim extractor, on arbitrary bytes.
fn main() {
    afl::fuzz!(|data: &[u8]| {
        claimcheck_fuzz::extract(data);
    });
}
