//! Helpers for the command-line tests: the binary with a clean environment, and a temporary
//! directory filled with files.

use std::path::PathBuf;

use assert_cmd::Command;

/// The crate's root directory.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The binary, run from the crate root with an environment that cannot leak into results.
pub fn claimcheck() -> Command {
    let mut cmd = Command::cargo_bin("claimcheck").expect("binary built");
    cmd.current_dir(root());
    for var in [
        "NCBI_API_KEY",
        "NCBI_EMAIL",
        "NO_COLOR",
        "CLAIMCHECK_CACHE",
        "CLAIMCHECK_EUTILS_URL",
        "CLAIMCHECK_IDCONV_URL",
    ] {
        cmd.env_remove(var);
    }
    cmd
}

/// A temporary directory holding `files` (paths relative to it, parents created).
pub fn temp_with(files: &[(&str, &[u8])]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    for (name, bytes) in files {
        let p = dir.path().join(name);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, bytes).unwrap();
    }
    dir
}
