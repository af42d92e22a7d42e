//! `check --format sarif` against the SARIF 2.1.0 JSON schema and Microsoft's SARIF validator
//! (`Sarif.Multitool validate`, which checks the schema and its own SARIF1xxx/SARIF2xxx rules).
//!
//! Both come from npm's `@microsoft/sarif-multitool` (the Linux package ships the validator and
//! `sarif-2.1.0.json`): `npm install -g @microsoft/sarif-multitool@5.7.0` (the README's
//! prerequisites), or `.ci/run`, which installs it under `target/tools`; `SARIF_MULTITOOL_DIR`
//! names another copy. The test fails, rather than skips, without it: SARIF that was never
//! validated is not tested. The schema is also checked independently with Python's
//! `jsonschema` when that module is importable.

use std::path::{Path, PathBuf};
use std::process::Command;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The directory holding `Sarif.Multitool` and `sarif-2.1.0.json`: `SARIF_MULTITOOL_DIR` when
/// set, else `target/tools` (where `.ci/run` installs it), else the package beside the
/// `sarif-multitool` command on `PATH` (`npm install -g @microsoft/sarif-multitool`, which puts
/// the Linux package inside the main one, or beside it with older npm).
fn multitool_dir() -> PathBuf {
    const LINUX: &str = "sarif-multitool-linux";
    let candidates: Vec<PathBuf> = match std::env::var_os("SARIF_MULTITOOL_DIR") {
        Some(dir) => vec![PathBuf::from(dir)],
        None => {
            let mut c = vec![root()
                .join("target/tools/node_modules/@microsoft")
                .join(LINUX)];
            if let Some(package) = on_path("sarif-multitool")
                .and_then(|shim| shim.canonicalize().ok())
                .and_then(|bin_js| bin_js.parent().map(Path::to_owned))
            {
                c.push(package.join("node_modules/@microsoft").join(LINUX));
                c.push(package.with_file_name(LINUX));
            }
            c
        }
    };
    candidates
        .iter()
        .find(|dir| dir.join("Sarif.Multitool").is_file())
        .cloned()
        .unwrap_or_else(|| {
            panic!(
                "Microsoft's SARIF validator is not installed (looked in {candidates:?}); install \
                 it with: npm install -g @microsoft/sarif-multitool@5.7.0 (README, \
                 \"Prerequisites\"), or run .ci/run"
            )
        })
}

/// The first `name` on `PATH`.
fn on_path(name: &str) -> Option<PathBuf> {
    std::env::split_paths(&std::env::var_os("PATH")?)
        .map(|dir| dir.join(name))
        .find(|p| p.is_file())
}

/// A SARIF log from the binary, written to `dir/name`.
fn sarif(dir: &Path, name: &str, inputs: &[&str], cwd: &Path) -> PathBuf {
    let out = dir.join(name);
    let status = assert_cmd::Command::cargo_bin("claimcheck")
        .unwrap()
        .current_dir(cwd)
        .env_remove("CLAIMCHECK_CACHE")
        .arg("check")
        .args(inputs)
        .args(["--offline", "--cache"])
        .arg(root().join("fixtures/pubmed"))
        .args(["--format", "sarif", "--fail-on", "none", "-o"])
        .arg(&out)
        .output()
        .unwrap();
    assert!(
        status.status.success(),
        "{}",
        String::from_utf8_lossy(&status.stderr)
    );
    out
}

/// Runs the validator on `log`; returns the results it reports at error or warning level.
fn validate(log: &Path, work: &Path) -> Vec<String> {
    let tool = multitool_dir();
    let report = work.join(format!(
        "{}.validation.sarif",
        log.file_name().unwrap().to_string_lossy()
    ));
    let out = Command::new(tool.join("Sarif.Multitool"))
        .arg("validate")
        .arg(log)
        .arg("--json-schema")
        .arg(tool.join("sarif-2.1.0.json"))
        .arg("--output")
        .arg(&report)
        .args(["--level", "Error;Warning"])
        // .NET wants a writable home and no telemetry prompt.
        .env("DOTNET_CLI_TELEMETRY_OPTOUT", "1")
        .env("HOME", work)
        .output()
        .expect("the SARIF validator runs");
    let text = std::fs::read_to_string(&report).unwrap_or_else(|_| {
        panic!(
            "the validator wrote no report ({}):\n{}\n{}",
            out.status,
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        )
    });
    let v: serde_json::Value = serde_json::from_str(&text).unwrap();
    let mut problems = Vec::new();
    for run in v["runs"].as_array().unwrap() {
        for r in run["results"].as_array().into_iter().flatten() {
            let level = r["level"].as_str().unwrap_or("warning");
            if level == "error" || level == "warning" {
                problems.push(format!(
                    "{} {}: {}",
                    level,
                    r["ruleId"].as_str().unwrap_or("?"),
                    r["message"]
                ));
            }
        }
        for n in run["invocations"][0]["toolExecutionNotifications"]
            .as_array()
            .into_iter()
            .flatten()
        {
            problems.push(format!("tool notification: {}", n["message"]["text"]));
        }
    }
    problems
}

/// Validates against the schema with Python's jsonschema, when it is there.
fn python_schema_check(log: &Path) -> Option<String> {
    let schema = multitool_dir().join("sarif-2.1.0.json");
    let script = "import json,sys,jsonschema\n\
                  schema=json.load(open(sys.argv[1]))\n\
                  log=json.load(open(sys.argv[2]))\n\
                  cls=jsonschema.validators.validator_for(schema)\n\
                  errs=[e.message for e in cls(schema).iter_errors(log)]\n\
                  print('\\n'.join(errs)); sys.exit(1 if errs else 0)";
    let out = Command::new("python3")
        .args(["-c", script])
        .arg(&schema)
        .arg(log)
        .output()
        .ok()?;
    let stderr = String::from_utf8_lossy(&out.stderr);
    if stderr.contains("No module named") {
        return None;
    }
    (!out.status.success()).then(|| format!("{}{stderr}", String::from_utf8_lossy(&out.stdout)))
}

#[test]
fn sarif_passes_the_schema_and_microsofts_validator() {
    let work = tempfile::tempdir().unwrap();
    let logs = [
        sarif(
            work.path(),
            "demo.sarif",
            &[
                "fixtures/articles",
                "claims/fixtures/articles/ketamine-clinic.html.json",
            ],
            &root(),
        ),
        // Run from a subdirectory: paths are still relative to the repository.
        sarif(
            work.path(),
            "from-subdir.sarif",
            &["../articles/trd-basics.txt"],
            &root().join("fixtures/pubmed"),
        ),
    ];
    for log in &logs {
        let mut problems = validate(log, work.path());
        // SARIF2005 asks for the tool's informationUri, which comes from Cargo.toml's
        // `repository`; until the project publishes one it is the one warning accepted.
        if env!("CARGO_PKG_REPOSITORY").is_empty() {
            problems.retain(|p| !p.starts_with("warning SARIF2005:"));
        }
        assert!(
            problems.is_empty(),
            "{}:\n{}",
            log.display(),
            problems.join("\n")
        );
        if let Some(errors) = python_schema_check(log) {
            panic!("{} fails the schema:\n{errors}", log.display());
        }
    }
    let v: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&logs[1]).unwrap()).unwrap();
    let location =
        &v["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"];
    assert_eq!(location["uri"], "fixtures/articles/trd-basics.txt");
    assert_eq!(location["uriBaseId"], "%SRCROOT%");
    assert_eq!(v["runs"][0]["columnKind"], "unicodeCodePoints");
}
