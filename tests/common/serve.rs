//! Start `carebook serve` on a free port for a test, and talk HTTP to it.

use super::{BookTest, TODAY};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

pub struct Server {
    pub child: Child,
    pub port: u16,
}

impl Drop for Server {
    /// Stop the way a person would (Ctrl-C), so the server cleans up its preview folder.
    fn drop(&mut self) {
        if matches!(self.child.try_wait(), Ok(Some(_))) {
            return;
        }
        let _ = Command::new("kill")
            .args(["-INT", &self.child.id().to_string()])
            .stderr(Stdio::null())
            .status();
        let deadline = Instant::now() + Duration::from_secs(5);
        while Instant::now() < deadline && matches!(self.child.try_wait(), Ok(None)) {
            std::thread::sleep(Duration::from_millis(20));
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

pub fn start(book: &BookTest) -> Server {
    start_with(book, &[])
}

/// Start `carebook serve` with more environment variables (such as its temporary folder).
pub fn start_with(book: &BookTest, env: &[(&str, &std::path::Path)]) -> Server {
    let mut child = Command::new(env!("CARGO_BIN_EXE_carebook"))
        .args(["serve", "--port", "0"])
        .current_dir(book.root())
        .env("CAREBOOK_TODAY", TODAY)
        .envs(env.iter().map(|(k, v)| (*k, *v)))
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stderr.take().unwrap()).lines();
    let deadline = Instant::now() + Duration::from_secs(20);
    while Instant::now() < deadline {
        let Some(Ok(line)) = lines.next() else { break };
        if let Some(rest) = line.strip_prefix("Serving the guide at http://127.0.0.1:") {
            let port = rest.split('/').next().unwrap().parse().unwrap();
            std::thread::spawn(move || for _ in lines {});
            return Server { child, port };
        }
    }
    let _ = child.kill();
    let _ = child.wait();
    panic!("serve did not start");
}

pub fn get(port: u16, path: &str) -> (u16, String) {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut response = String::new();
    stream.read_to_string(&mut response).unwrap();
    let status = response.split_whitespace().nth(1).unwrap().parse().unwrap();
    (status, response)
}
