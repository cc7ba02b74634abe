//! `carebook serve` end to end: it serves the guide under its base path, rebuilds when a file is
//! saved and tells pages to reload, reports a broken save while still serving the last good
//! version, recovers on the next good save, and stops cleanly on Ctrl-C.

mod common;
use common::BookTest;
use common::serve::{get, start};
use std::io::{BufRead, BufReader, Write};
use std::net::TcpStream;
use std::process::Command;
use std::sync::mpsc::{Receiver, channel};
use std::time::{Duration, Instant};

/// Every `event:` and `data:` line the server sends, as they arrive. It returns once the
/// response has begun, when the server is already sending this stream every build's result,
/// so a save made next is never missed (and no test needs to wait first).
fn events(port: u16) -> Receiver<String> {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
    write!(stream, "GET /backcare/__carebook/events HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n").unwrap();
    let mut reader = BufReader::new(stream);
    let mut header = String::new();
    while reader.read_line(&mut header).unwrap() > 0 && !header.ends_with("\r\n\r\n") {}
    assert!(header.starts_with("HTTP/1.1 200"), "{header}");
    let (send, receive) = channel();
    std::thread::spawn(move || {
        for line in reader.lines().map_while(Result::ok) {
            if (line.starts_with("event:") || line.starts_with("data:")) && send.send(line).is_err()
            {
                break;
            }
        }
    });
    receive
}

/// Wait for `event: NAME` and return its data line.
fn wait_for(events: &Receiver<String>, name: &str) -> String {
    let deadline = Instant::now() + Duration::from_secs(10);
    while let Some(left) = deadline.checked_duration_since(Instant::now()) {
        let Ok(line) = events.recv_timeout(left) else {
            break;
        };
        if line == format!("event: {name}") {
            return events
                .recv_timeout(Duration::from_secs(2))
                .unwrap_or_default();
        }
    }
    panic!("no `{name}` event within 10 s");
}

#[test]
fn serve_reloads_on_save_reports_errors_and_recovers() {
    let book = BookTest::from_fixture("basic");
    let server = start(&book);
    let port = server.port;
    let (status, page) = get(port, "/backcare/techniques/index.html");
    assert_eq!(status, 200);
    assert!(
        page.contains("__carebook/live.js") && page.contains("Pick one."),
        "{page}"
    );
    let (status, _) = get(port, "/");
    assert_eq!(status, 307, "the root redirects to the base path");
    let (status, missing) = get(port, "/backcare/nope.html");
    assert!(
        status == 404 && missing.contains("Page not found"),
        "{missing}"
    );

    let stream = events(port);
    let page = book
        .read("content/techniques/_index.md")
        .replace("Pick one.", "Pick one that suits you.");
    book.write("content/techniques/_index.md", &page);
    wait_for(&stream, "reload");
    assert!(
        get(port, "/backcare/techniques/index.html")
            .1
            .contains("Pick one that suits you.")
    );

    let good_faq =
        "---\ntitle: Questions\nreviewed: 2026-01-10\nnext-review: 2028-01-10\n---\n\nAsk us.\n";
    book.write("content/faq.md", "---\ntitle: [Questions\n---\n");
    let errors = wait_for(&stream, "errors");
    assert!(
        errors.contains("\"code\":\"yaml-syntax\"")
            && errors.contains("\"file\":\"content/faq.md\""),
        "{errors}"
    );
    assert!(errors.contains("\"line\":2"), "{errors}");
    let (status, still) = get(port, "/backcare/techniques/index.html");
    assert!(
        status == 200 && still.contains("Pick one that suits you."),
        "the last good build is still served"
    );

    let late = events(port);
    assert!(
        wait_for(&late, "errors").contains("yaml-syntax"),
        "a page opened now sees the errors too"
    );

    book.write("content/faq.md", good_faq);
    wait_for(&stream, "reload");
    assert!(get(port, "/backcare/faq.html").1.contains("Ask us."));
}

#[test]
fn saving_by_rename_is_seen() {
    let book = BookTest::from_fixture("basic");
    let server = start(&book);
    let stream = events(server.port);
    let page = book
        .read("content/techniques/_index.md")
        .replace("Pick one.", "Choose one.");
    book.write("content/techniques/.#_index.md.tmp", &page);
    std::fs::rename(
        book.path("content/techniques/.#_index.md.tmp"),
        book.path("content/techniques/_index.md"),
    )
    .unwrap();
    wait_for(&stream, "reload");
    assert!(
        get(server.port, "/backcare/techniques/index.html")
            .1
            .contains("Choose one.")
    );
}

#[cfg(unix)]
#[test]
fn ctrl_c_stops_cleanly() {
    let book = BookTest::from_fixture("basic");
    let mut server = start(&book);
    let pid = server.child.id().to_string();
    assert!(
        Command::new("kill")
            .args(["-INT", &pid])
            .status()
            .unwrap()
            .success()
    );
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        if let Some(status) = server.child.try_wait().unwrap() {
            assert!(status.success(), "{status}");
            break;
        }
        assert!(Instant::now() < deadline, "serve did not stop on Ctrl-C");
        std::thread::sleep(Duration::from_millis(50));
    }
    let scratch = std::env::temp_dir().join(format!("carebook-serve-{pid}"));
    assert!(!scratch.exists(), "the preview folder is removed");
    let spare = std::env::temp_dir().join(format!(".carebook-serve-{pid}.carebook-spare"));
    assert!(!spare.exists(), "the spare preview folder is removed");
    let lock = std::env::temp_dir().join(format!(".carebook-serve-{pid}.carebook-lock"));
    assert!(!lock.exists(), "the preview's lock is removed");
}

/// Wait up to `limit` for the server to exit; whether it did.
fn exits_within(server: &mut common::serve::Server, limit: Duration) -> bool {
    let deadline = Instant::now() + limit;
    while Instant::now() < deadline {
        if server.child.try_wait().unwrap().is_some() {
            return true;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    false
}

#[cfg(unix)]
#[test]
fn ctrl_c_stops_the_server_even_while_a_client_holds_a_half_sent_request() {
    let book = BookTest::from_fixture("basic");
    let mut server = start(&book);
    let mut client = TcpStream::connect(("127.0.0.1", server.port)).unwrap();
    write!(
        client,
        "GET /backcare/index.html HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: "
    )
    .unwrap();
    client.flush().unwrap();
    // Let the server read what was sent, so the request is really half-received.
    std::thread::sleep(Duration::from_millis(200));
    let pid = server.child.id().to_string();
    Command::new("kill").args(["-INT", &pid]).status().unwrap();
    assert!(
        exits_within(&mut server, Duration::from_secs(3)),
        "serve kept running while a client held a half-sent request"
    );
    drop(client);
}

#[test]
fn an_address_no_file_could_have_is_a_404_not_an_empty_500() {
    let book = BookTest::from_fixture("basic");
    let server = start(&book);
    let long = "a".repeat(300);
    let encoded = "%C3%A9".repeat(200);
    let deep = "d/".repeat(100);
    for path in [
        format!("/backcare/{long}.html"),
        format!("/backcare/{encoded}.html"),
        format!("/backcare/{deep}x.html"),
    ] {
        let (status, body) = get(server.port, &path);
        assert_eq!(status, 404, "{}", &path[..40]);
        assert!(
            body.contains("Page not found"),
            "{}",
            &body[..body.len().min(300)]
        );
    }
    // 3,000 folders deep is too long an address to read at all.
    let (status, body) = get(
        server.port,
        &format!("/backcare/{}x.html", "d/".repeat(3_000)),
    );
    assert_eq!(status, 414, "{body}");
    assert!(body.contains("too long"), "{body}");
}

#[test]
fn when_the_first_build_fails_every_page_shows_the_problems() {
    let book = BookTest::from_fixture("basic");
    let page = book
        .read("content/when-to-avoid.md")
        .replace("title:", "titel:");
    book.write("content/when-to-avoid.md", &page);
    let server = start(&book);
    let (status, body) = get(server.port, "/backcare/index.html");
    assert_eq!(status, 503, "{body}");
    assert!(
        body.contains("does not build")
            && body.contains("unknown-field")
            && body.contains("content/when-to-avoid.md")
            && body.contains("__carebook/live.js"),
        "{body}"
    );
    let fixed = page.replace("titel:", "title:");
    let stream = events(server.port);
    book.write("content/when-to-avoid.md", &fixed);
    wait_for(&stream, "reload");
    let (status, body) = get(server.port, "/backcare/index.html");
    assert!(status == 200 && body.contains("Test guide"), "{body}");
}

#[test]
fn a_save_that_empties_the_file_before_writing_it_shows_no_error() {
    let book = BookTest::from_fixture("basic");
    let server = start(&book);
    let stream = events(server.port);
    let page = book
        .read("content/techniques/_index.md")
        .replace("Pick one.", "Pick any one.");
    // As some editors save: empty the file, then write it.
    std::fs::write(book.path("content/techniques/_index.md"), "").unwrap();
    std::thread::sleep(Duration::from_millis(100));
    book.write("content/techniques/_index.md", &page);
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let left = deadline
            .checked_duration_since(Instant::now())
            .expect("no reload within 10 s");
        let line = stream.recv_timeout(left).expect("no reload within 10 s");
        assert_ne!(
            line, "event: errors",
            "an error was shown for a save still being written"
        );
        if line == "event: reload" {
            break;
        }
    }
    assert!(
        get(server.port, "/backcare/techniques/index.html")
            .1
            .contains("Pick any one.")
    );
}

#[cfg(unix)]
#[test]
fn a_killed_servers_preview_folder_is_removed_by_the_next_server() {
    let temp = tempfile::tempdir().unwrap();
    let book = BookTest::from_fixture("basic");
    let mut first = common::serve::start_with(&book, &[("TMPDIR", temp.path())]);
    let pid = first.child.id();
    first.child.kill().unwrap();
    first.child.wait().unwrap();
    let preview = temp.path().join(format!("carebook-serve-{pid}"));
    assert!(
        preview.is_dir(),
        "the killed server left no preview folder to test with"
    );
    let _second = common::serve::start_with(&book, &[("TMPDIR", temp.path())]);
    assert!(
        !preview.exists(),
        "the dead server's preview folder is still there"
    );
    let left: Vec<String> = std::fs::read_dir(temp.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains(&pid.to_string()))
        .collect();
    assert!(left.is_empty(), "{left:?}");
}

#[test]
fn thousands_of_errors_send_a_small_event() {
    let book = BookTest::from_fixture("basic");
    let server = start(&book);
    let stream = events(server.port);
    let links: String = (0..4_000).map(|i| format!("[x](nope{i}.md) ")).collect();
    book.write(
        "content/links.md",
        &format!(
            "---\ntitle: Links\nreviewed: 2026-01-10\nnext-review: 2028-01-10\n---\n\n{links}\n"
        ),
    );
    let data = wait_for(&stream, "errors");
    assert!(data.len() < 256 * 1024, "{} bytes in one event", data.len());
    assert!(
        data.contains("are not shown") && data.contains("\"more_like_this\":3949"),
        "the rest are counted: {}",
        &data[data.len() - 300..]
    );
}
