//! The efetch, esearch and ID converter readers on arbitrary bytes.
fn main() {
    afl::fuzz!(|data: &[u8]| {
        claimcheck_fuzz::pubmed(data);
    });
}
