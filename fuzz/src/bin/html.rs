//! HTML ingest, then claim extraction, on arbitrary bytes.
fn main() {
    afl::fuzz!(|data: &[u8]| {
        claimcheck_fuzz::html(data);
    });
}
