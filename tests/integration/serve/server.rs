//! A `claimdex serve` of a temporary archive on a free loopback port, and
//! plain HTTP requests to it (ureq, and raw bytes where a client would
//! tidy the request: `..` in paths, a foreign Host header).

use crate::common::TempArchive;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

/// How long a server may take to start listening (it opens the index).
const START_TIMEOUT: Duration = Duration::from_secs(120);

pub struct Server {
    child: Option<Child>,
    /// `http://127.0.0.1:PORT` (no trailing slash).
    pub url: String,
    pub addr: String,
    pub archive: TempArchive,
    agent: ureq::Agent,
}

/// One answer.
pub struct Reply {
    pub status: u16,
    pub headers: ureq::http::HeaderMap,
    pub body: String,
}

impl Reply {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }
}

impl Server {
    /// Ingest the archive, then serve it.
    pub fn start(archive: TempArchive) -> Server {
        archive.cmd().arg("ingest").assert().success();
        Self::start_as_is(archive, &[])
    }

    /// Serve the archive as it is, with extra `serve` arguments.
    pub fn start_as_is(archive: TempArchive, args: &[&str]) -> Server {
        let mut child = Command::new(assert_cmd::cargo::cargo_bin!("claimdex"))
            .env_remove("CLAIMDEX_ARCHIVE")
            .env("NO_COLOR", "1")
            .arg("--archive")
            .arg(archive.root())
            .args(["serve", "--addr", "127.0.0.1:0"])
            .args(args)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("start claimdex serve");
        let stdout = child.stdout.take().expect("stdout");
        let (send, receive) = mpsc::channel();
        std::thread::spawn(move || {
            let mut line = String::new();
            let _ = BufReader::new(stdout).read_line(&mut line);
            let _ = send.send(line);
        });
        let line = match receive.recv_timeout(START_TIMEOUT) {
            Ok(line) if line.starts_with("http://") => line,
            other => {
                let _ = child.kill();
                panic!("claimdex serve printed no address: {other:?}");
            }
        };
        let url = line.trim().trim_end_matches('/').to_string();
        let addr = url.trim_start_matches("http://").to_string();
        let agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .max_redirects(0)
            .timeout_global(Some(Duration::from_secs(60)))
            .build()
            .into();
        Server {
            child: Some(child),
            url,
            addr,
            archive,
            agent,
        }
    }

    fn reply(response: ureq::http::Response<ureq::Body>) -> Reply {
        let status = response.status().as_u16();
        let headers = response.headers().clone();
        let mut body = String::new();
        response
            .into_body()
            .into_reader()
            .read_to_string(&mut body)
            .expect("read the body");
        Reply {
            status,
            headers,
            body,
        }
    }

    /// GET a path (with its query, already encoded).
    pub fn get(&self, path: &str) -> Reply {
        let url = format!("{}{path}", self.url);
        let response = self
            .agent
            .get(&url)
            .call()
            .unwrap_or_else(|err| panic!("GET {url}: {err}"));
        Self::reply(response)
    }

    /// GET a path with query parameters (encoded here).
    pub fn get_query(&self, path: &str, pairs: &[(&str, &str)]) -> Reply {
        let mut query = url::form_urlencoded::Serializer::new(String::new());
        for (name, value) in pairs {
            query.append_pair(name, value);
        }
        self.get(&format!("{path}?{}", query.finish()))
    }

    /// POST a form.
    pub fn post_form(&self, path: &str, pairs: &[(&str, &str)]) -> Reply {
        let url = format!("{}{path}", self.url);
        let pairs: Vec<(&str, &str)> = pairs.to_vec();
        let response = self
            .agent
            .post(&url)
            .send_form(pairs)
            .unwrap_or_else(|err| panic!("POST {url}: {err}"));
        Self::reply(response)
    }

    /// POST a body with a content type.
    pub fn post(&self, path: &str, content_type: &str, body: &[u8]) -> Reply {
        let url = format!("{}{path}", self.url);
        let response = self
            .agent
            .post(&url)
            .header("content-type", content_type)
            .send(body)
            .unwrap_or_else(|err| panic!("POST {url}: {err}"));
        Self::reply(response)
    }

    /// Send raw request bytes and read the whole answer (status line,
    /// headers and body) as text.
    pub fn raw(&self, request: &str) -> String {
        let mut stream = TcpStream::connect(&self.addr).expect("connect");
        stream
            .set_read_timeout(Some(Duration::from_secs(60)))
            .expect("timeout");
        stream.write_all(request.as_bytes()).expect("send");
        let mut answer = Vec::new();
        let _ = stream.read_to_end(&mut answer);
        String::from_utf8_lossy(&answer).into_owned()
    }

    /// A raw GET of `target` exactly as written (no normalisation).
    pub fn raw_get(&self, target: &str, host: &str) -> String {
        self.raw(&format!(
            "GET {target} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"
        ))
    }

    /// Stop the server with SIGTERM and wait for it: its exit status.
    pub fn stop(mut self) -> std::process::ExitStatus {
        let mut child = self.child.take().expect("a running server");
        let pid = child.id().to_string();
        let _ = Command::new("kill").args(["-TERM", &pid]).status();
        child.wait().expect("wait for the server")
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        if let Some(mut child) = self.child.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}
