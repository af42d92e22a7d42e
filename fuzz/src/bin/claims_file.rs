//! The claims-file reader on arbitrary bytes.
fn main() {
    afl::fuzz!(|data: &[u8]| {
        claimcheck_fuzz::claims_file(data);
    });
}
