//! The output folder is replaced all at once, by one build at a time, and nothing a killed
//! build leaves behind survives the next build.

mod common;
use common::BookTest;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn carebook(book: &BookTest) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_carebook"));
    command
        .current_dir(book.root())
        .env("CAREBOOK_TODAY", common::TODAY);
    command
}

/// Names in the guide folder that carebook writes besides its output, spare and lock.
fn scratch_left(book: &BookTest) -> Vec<String> {
    std::fs::read_dir(book.root())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("carebook-staging") || n.contains("carebook-old"))
        .collect()
}

/// The basic guide with `n` more pages, so a build takes long enough to be caught mid-way.
fn large_guide(n: usize) -> BookTest {
    let book = BookTest::from_fixture("basic");
    let page =
        "---\ntitle: A page\nreviewed: 2026-01-10\nnext-review: 2028-01-10\n---\n\nSome words.\n";
    for i in 0..n {
        book.write(&format!("content/many/p{i}.md"), page);
    }
    book
}

#[test]
fn a_killed_build_leaves_the_output_and_the_next_build_clears_its_staging_folder() {
    let book = large_guide(1500);
    carebook(&book).args(["build", "--quiet"]).status().unwrap();
    let before = common::snapshot_tree(&book.path("public"));
    let mut caught = false;
    for _ in 0..20 {
        let mut build = carebook(&book)
            .arg("build")
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let deadline = Instant::now() + Duration::from_secs(30);
        while scratch_left(&book).is_empty() && Instant::now() < deadline {
            if build.try_wait().unwrap().is_some() {
                break;
            }
            std::thread::sleep(Duration::from_millis(2));
        }
        let _ = build.kill();
        let status = build.wait().unwrap();
        if !status.success() && !scratch_left(&book).is_empty() {
            caught = true;
            break;
        }
    }
    assert!(
        caught,
        "never caught a build while it wrote its staging folder"
    );
    assert_eq!(common::snapshot_tree(&book.path("public")), before);
    carebook(&book).args(["build", "--quiet"]).status().unwrap();
    assert!(scratch_left(&book).is_empty(), "{:?}", scratch_left(&book));
}

#[test]
fn builds_at_once_into_one_output_take_turns() {
    let book = BookTest::from_fixture("basic");
    for round in 0..10 {
        let builds: Vec<_> = (0..6)
            .map(|_| {
                carebook(&book)
                    .args(["build", "--quiet"])
                    .stderr(Stdio::piped())
                    .spawn()
                    .unwrap()
            })
            .collect();
        for build in builds {
            let out = build.wait_with_output().unwrap();
            assert!(
                out.status.success(),
                "round {round}: {}",
                String::from_utf8_lossy(&out.stderr)
            );
        }
        assert!(book.path("public/index.html").is_file(), "round {round}");
        assert!(scratch_left(&book).is_empty(), "round {round}");
    }
}

#[test]
fn the_output_never_goes_missing_while_builds_replace_it() {
    let book = BookTest::from_fixture("basic");
    carebook(&book).args(["build", "--quiet"]).status().unwrap();
    let index = book.path("public/index.html");
    let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let watcher = {
        let stop = stop.clone();
        std::thread::spawn(move || {
            let (mut looks, mut missing) = (0u64, 0u64);
            while !stop.load(std::sync::atomic::Ordering::Relaxed) {
                looks += 1;
                missing += u64::from(!index.exists());
            }
            (looks, missing)
        })
    };
    for _ in 0..20 {
        assert!(
            carebook(&book)
                .args(["build", "--quiet"])
                .status()
                .unwrap()
                .success()
        );
    }
    stop.store(true, std::sync::atomic::Ordering::Relaxed);
    let (looks, missing) = watcher.join().unwrap();
    assert!(looks > 1000, "the watcher hardly looked ({looks})");
    assert_eq!(
        missing, 0,
        "public/index.html was missing {missing} of {looks} times"
    );
}

/// An output folder that is a mount point, as a container volume is: built twice (the second
/// replacing the first) in a mount namespace of its own.
#[cfg(target_os = "linux")]
#[test]
fn an_output_folder_that_is_a_mount_point_is_written_in_place() {
    let book = BookTest::from_fixture("basic");
    std::fs::create_dir(book.path("public")).unwrap();
    let bin = env!("CARGO_BIN_EXE_carebook");
    let script = format!(
        "mount -t tmpfs tmpfs public && {bin} build --quiet && echo edited >> content/when-to-avoid.md && {bin} build --quiet && ls -A public && grep -c edited public/when-to-avoid.html"
    );
    let namespaces: [&[&str]; 2] = [&["-rm"], &["-m"]];
    let run = namespaces.iter().find_map(|flags| {
        let out = Command::new("unshare")
            .args(*flags)
            .args(["sh", "-c", &script])
            .current_dir(book.root())
            .env("CAREBOOK_TODAY", common::TODAY)
            .output()
            .ok()?;
        let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
        // No permission to make a mount namespace here: try the next way.
        let refused = !out.status.success() && stderr.contains("unshare");
        (!refused).then_some((out, stderr))
    });
    let Some((out, stderr)) = run else {
        eprintln!("skipped: this machine allows no mount namespace (unshare -rm or -m)");
        return;
    };
    let listing = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{stderr}\n{listing}");
    assert!(!stderr.contains("busy"), "{stderr}");
    for name in ["index.html", "when-to-avoid.html", ".carebook-output"] {
        assert!(
            listing.lines().any(|l| l == name),
            "{name} missing:\n{listing}"
        );
    }
    assert!(
        !listing.contains("carebook-staging") && !listing.contains("carebook-spare"),
        "{listing}"
    );
    assert!(
        listing.trim_end().ends_with('1'),
        "the second build's page: {listing}"
    );
}
