//! The GitHub Action (`action.yml`) and the pre-commit hook (`.pre-commit-hooks.yaml`): their
//! structure as GitHub and pre-commit read it, and their commands run for real on the Hugo
//! fixture with the binary under test on `PATH`.

use std::path::{Path, PathBuf};
use std::process::Command;

use yaml_rust2::{Yaml, YamlLoader};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn load(name: &str) -> Yaml {
    let text = std::fs::read_to_string(root().join(name)).unwrap();
    let mut docs = YamlLoader::load_from_str(&text).unwrap_or_else(|e| panic!("{name}: {e}"));
    assert_eq!(docs.len(), 1, "{name}: one document");
    docs.remove(0)
}

/// `PATH` with the directory of the binary under test first.
fn path_with_binary() -> std::ffi::OsString {
    let bin = assert_cmd::cargo::cargo_bin("claimcheck");
    let mut dirs = vec![bin.parent().unwrap().to_path_buf()];
    dirs.extend(std::env::split_paths(
        &std::env::var_os("PATH").unwrap_or_default(),
    ));
    std::env::join_paths(dirs).unwrap()
}

/// The action's step named `name`.
fn step<'a>(action: &'a Yaml, name: &str) -> &'a Yaml {
    action["runs"]["steps"]
        .as_vec()
        .unwrap()
        .iter()
        .find(|s| s["name"].as_str() == Some(name))
        .unwrap_or_else(|| panic!("no step {name}"))
}

/// Runs a step's script with bash, its `env` filled from the action's input defaults (or
/// `inputs`), in `cwd`.
fn run_step(
    action: &Yaml,
    name: &str,
    cwd: &Path,
    inputs: &[(&str, &str)],
    summary: &Path,
) -> std::process::Output {
    let s = step(action, name);
    let mut cmd = Command::new("bash");
    cmd.arg("-c")
        .arg(s["run"].as_str().unwrap())
        .current_dir(cwd)
        .env("PATH", path_with_binary())
        .env("GITHUB_STEP_SUMMARY", summary)
        .env_remove("CLAIMCHECK_CACHE");
    for (var, value) in s["env"].as_hash().unwrap() {
        let expr = value.as_str().unwrap();
        let input = expr
            .trim_start_matches("${{ inputs.")
            .trim_end_matches(" }}");
        let given = inputs.iter().find(|(k, _)| *k == input).map(|(_, v)| *v);
        let default = action["inputs"][input]["default"].as_str();
        let value = given
            .or(default)
            .unwrap_or_else(|| panic!("input {input} has no default"));
        cmd.env(var.as_str().unwrap(), value);
    }
    cmd.output().unwrap()
}

#[test]
fn the_action_is_a_composite_whose_scripts_take_inputs_only_from_env() {
    let action = load("action.yml");
    assert_eq!(action["name"].as_str(), Some("claimcheck"));
    assert!(action["description"].as_str().is_some());
    assert_eq!(action["runs"]["using"].as_str(), Some("composite"));
    let steps = action["runs"]["steps"].as_vec().unwrap();
    let names: Vec<&str> = steps.iter().map(|s| s["name"].as_str().unwrap()).collect();
    assert_eq!(
        names,
        ["Install claimcheck", "Write SARIF", "Upload SARIF", "Check"]
    );
    for s in steps {
        if let Some(script) = s["run"].as_str() {
            assert_eq!(
                s["shell"].as_str(),
                Some("bash"),
                "composite steps name a shell"
            );
            assert!(
                !script.contains("${{"),
                "an expression spliced into a script: {script}"
            );
            for (_, value) in s["env"].as_hash().unwrap() {
                let expr = value.as_str().unwrap();
                if let Some(input) = expr.strip_prefix("${{ inputs.") {
                    let input = input.trim_end_matches(" }}");
                    assert!(
                        !action["inputs"][input].is_badvalue(),
                        "unknown input {input}"
                    );
                }
            }
        } else {
            assert!(s["uses"]
                .as_str()
                .unwrap()
                .starts_with("github/codeql-action/upload-sarif@"));
            assert_eq!(s["if"].as_str(), Some("inputs.sarif == 'true'"));
        }
    }
    assert!(step(&action, "Install claimcheck")["run"]
        .as_str()
        .unwrap()
        .contains("cargo install --locked"));
}

#[test]
fn the_actions_check_and_sarif_steps_run_on_the_hugo_site() {
    let action = load("action.yml");
    let site = root().join("fixtures/hugo-site");
    let dir = tempfile::tempdir().unwrap();
    let summary = dir.path().join("summary.md");
    let out = run_step(&action, "Check", &site, &[], &summary);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        stdout.contains("::notice title=claimcheck::3 claims: 3 supported"),
        "{stdout}"
    );
    assert!(std::fs::read_to_string(&summary)
        .unwrap()
        .contains("# claimcheck report"));
    // A failing page fails the step (a research claim without a source: a price, a figure
    // about the clinic itself, would never fail it).
    let page = dir.path().join("new-post.md");
    std::fs::write(&page, "Ketamine helps 70% of patients.\n").unwrap();
    let args = format!(
        "--offline --cache {}",
        site.join(".claimcheck-cache").display()
    );
    let out = run_step(
        &action,
        "Check",
        dir.path(),
        &[("paths", "new-post.md"), ("args", &args)],
        &summary,
    );
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // The SARIF step writes claimcheck.sarif where it runs and never fails the job.
    let out = run_step(
        &action,
        "Write SARIF",
        dir.path(),
        &[("paths", page.to_str().unwrap()), ("args", &args)],
        &summary,
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let sarif: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(dir.path().join("claimcheck.sarif")).unwrap(),
    )
    .unwrap();
    assert_eq!(sarif["version"], "2.1.0");
}

#[test]
fn the_pre_commit_hook_checks_the_staged_articles() {
    let hooks = load(".pre-commit-hooks.yaml");
    let hooks = hooks.as_vec().unwrap();
    assert_eq!(hooks.len(), 1);
    let hook = &hooks[0];
    for key in ["id", "name", "entry", "language", "files"] {
        assert!(hook[key].as_str().is_some(), "the hook needs {key}");
    }
    assert_eq!(hook["id"].as_str(), Some("claimcheck"));
    assert_eq!(hook["language"].as_str(), Some("rust"));
    let files = regex::Regex::new(hook["files"].as_str().unwrap()).unwrap();
    for (path, taken) in [
        ("content/posts/a/index.md", true),
        ("about.html", true),
        ("notes.txt", true),
        ("page.htm", true),
        ("data/clinics.json", false),
        ("static/room.jpg", false),
        ("claims/a.json", false),
    ] {
        assert_eq!(files.is_match(path), taken, "{path}");
    }
    // What pre-commit runs: the entry, the user's args, then the staged file names.
    let site = root().join("fixtures/hugo-site");
    let mut words = hook["entry"].as_str().unwrap().split_whitespace();
    let out = Command::new(words.next().unwrap())
        .args(words)
        .args(["--offline", "--cache", ".claimcheck-cache"])
        .args([
            "content/posts/ketamine-basics/index.md",
            "content/posts/infusion-day/index.md",
        ])
        .current_dir(&site)
        .env("PATH", path_with_binary())
        .env_remove("CLAIMCHECK_CACHE")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("3 claims: 3 supported"));
    assert!(
        out.stderr.is_empty(),
        "--quiet: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}
