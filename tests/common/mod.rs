//! Helpers shared by the integration tests: the real binary, temporary
//! archives seeded from `corpus/`, and the `../shared` folder (skipped with
//! a printed note when absent, a failure when `CLAIMDEX_REQUIRE_SHARED=1`).
#![allow(dead_code)]

use std::path::{Path, PathBuf};

/// The repository root.
pub fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The shipped corpus.
pub fn corpus_dir() -> PathBuf {
    repo_root().join("corpus")
}

/// `../shared` beside the repository, or `None` (with a printed note) when
/// it is absent. With `CLAIMDEX_REQUIRE_SHARED=1` (set by `.ci/run`) an
/// absent folder fails the test instead.
pub fn shared_dir(what: &str) -> Option<PathBuf> {
    let dir = std::env::var_os("CLAIMDEX_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|| repo_root().join("..").join("shared"));
    if dir.join(what).exists() {
        return Some(dir);
    }
    if std::env::var("CLAIMDEX_REQUIRE_SHARED").is_ok_and(|v| v == "1") {
        panic!(
            "CLAIMDEX_REQUIRE_SHARED=1 but {} is missing",
            dir.join(what).display()
        );
    }
    eprintln!(
        "note: skipping: {} not found (tests that read ../shared run in CI)",
        dir.join(what).display()
    );
    None
}

/// The claimdex binary, with colour and the user's archive settings cleared.
pub fn claimdex() -> assert_cmd::Command {
    let mut cmd = assert_cmd::Command::new(assert_cmd::cargo::cargo_bin!("claimdex"));
    cmd.env_remove("CLAIMDEX_ARCHIVE").env("NO_COLOR", "1");
    cmd
}

/// A temporary archive whose corpus is a copy of the given folder's article
/// files (and catalog).
pub struct TempArchive {
    pub dir: tempfile::TempDir,
}

impl TempArchive {
    /// An archive holding a copy of the shipped seed corpus.
    pub fn with_seeds() -> TempArchive {
        Self::copy_of(&corpus_dir())
    }

    /// An archive holding a copy of every file under `source`.
    pub fn copy_of(source: &Path) -> TempArchive {
        let dir = tempfile::tempdir().expect("temp dir");
        let corpus = dir.path().join("corpus");
        copy_tree(source, &corpus);
        std::fs::create_dir_all(dir.path().join("index")).expect("index dir");
        TempArchive { dir }
    }

    /// An empty archive.
    pub fn empty() -> TempArchive {
        let dir = tempfile::tempdir().expect("temp dir");
        std::fs::create_dir_all(dir.path().join("corpus")).expect("corpus dir");
        std::fs::create_dir_all(dir.path().join("index")).expect("index dir");
        TempArchive { dir }
    }

    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    pub fn corpus(&self) -> PathBuf {
        self.dir.path().join("corpus")
    }

    /// Run `claimdex SUBCOMMAND --json ARGS...` on this archive: its exit
    /// code and its stdout parsed as JSON (`Null` when it printed nothing,
    /// as on a usage error; a panic naming stdout and stderr when it printed
    /// something that is not JSON).
    pub fn json(&self, subcommand: &str, args: &[&str]) -> (i32, serde_json::Value) {
        let output = self
            .cmd()
            .args([subcommand, "--json"])
            .args(args)
            .output()
            .expect("run claimdex");
        (
            output.status.code().unwrap_or(-1),
            parse_json_output(&output),
        )
    }

    /// The binary, pointed at this archive.
    pub fn cmd(&self) -> assert_cmd::Command {
        let mut cmd = claimdex();
        cmd.arg("--archive").arg(self.root());
        cmd
    }
}

/// Copy a folder tree (files only; links are not followed).
pub fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("create dir");
    for entry in std::fs::read_dir(from).expect("read dir") {
        let entry = entry.expect("dir entry");
        let kind = entry.file_type().expect("file type");
        let target = to.join(entry.file_name());
        if kind.is_dir() {
            copy_tree(&entry.path(), &target);
        } else if kind.is_file() {
            std::fs::copy(entry.path(), &target).expect("copy file");
        }
    }
}

/// A command's stdout as JSON: `Null` when empty, a panic naming stdout and
/// stderr when it is not JSON.
pub fn parse_json_output(output: &std::process::Output) -> serde_json::Value {
    if output.stdout.iter().all(u8::is_ascii_whitespace) {
        return serde_json::Value::Null;
    }
    serde_json::from_slice(&output.stdout).unwrap_or_else(|err| {
        panic!(
            "not JSON ({err}): {}\nstderr: {}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        )
    })
}

/// A temporary folder, in memory (`/dev/shm`) where there is one: for tests
/// that run hundreds of ingests in process and would otherwise wait on fsync
/// (fault injection, the ingest model). Elsewhere a plain temporary folder.
pub fn scratch_dir() -> tempfile::TempDir {
    let shm = Path::new("/dev/shm");
    if shm.is_dir() {
        if let Ok(dir) = tempfile::Builder::new()
            .prefix("claimdex-test")
            .tempdir_in(shm)
        {
            return dir;
        }
    }
    tempfile::tempdir().expect("temp dir")
}

/// The claim ids of a `search --json` result, in rank order.
pub fn hit_ids(result: &serde_json::Value) -> Vec<String> {
    result["hits"]
        .as_array()
        .unwrap_or_else(|| panic!("no hits array: {result}"))
        .iter()
        .map(|hit| hit["id"].as_str().expect("hit id").to_string())
        .collect()
}

/// The warning message an `ingest --json` summary gives for `path`.
pub fn warning_of(summary: &serde_json::Value, path: &str) -> String {
    summary["warnings"]
        .as_array()
        .unwrap_or_else(|| panic!("no warnings array: {summary}"))
        .iter()
        .find(|w| w["path"] == path)
        .unwrap_or_else(|| panic!("no warning names {path}: {summary}"))["message"]
        .as_str()
        .expect("warning message")
        .to_string()
}

/// Every article file under `dir`, every `step`-th one, parsed.
pub fn parsed_articles_in(dir: &Path, step: usize) -> Vec<claimdex::model::Article> {
    let mut files: Vec<_> = walkdir::WalkDir::new(dir)
        .into_iter()
        .flatten()
        .filter(|entry| entry.file_type().is_file())
        .filter(|entry| claimdex::archive::is_article_file(entry.path()))
        .map(|entry| entry.into_path())
        .collect();
    files.sort();
    files
        .iter()
        .step_by(step)
        .filter_map(|path| {
            let bytes = std::fs::read(path).expect("read a corpus file");
            let relative = path.strip_prefix(dir).expect("inside the corpus");
            let source = claimdex::parse::SourceFile {
                id: claimdex::archive::article_id(relative),
                path: format!("corpus/{}", relative.display()),
                bytes: &bytes,
                catalog: None,
            };
            claimdex::parse::parse_article(&source).ok()
        })
        .collect()
}
