//! The evidence stage (abstract reader, relevance, agreement) on arbitrary text.
fn main() {
    afl::fuzz!(|data: &[u8]| {
        claimcheck_fuzz::evidence(data);
    });
}
