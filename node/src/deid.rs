//! `tandem-node deid`: the scrubber on the command line, for people checking a text and for
//! scoring it against labelled sets.
//!
//! Plain mode reads all of standard input as one text and prints it redacted. JSONL mode reads
//! one `{"id": …, "text": …}` per line and writes one `{"id", "redacted", "findings"}` per line,
//! with byte offsets into the input text. All input is read and checked before anything is
//! written, so a bad line leaves no half-written output.

use std::io::{Read, Write};

use serde::{Deserialize, Serialize};
use serde_json::Value;
use tandem_shared::privacy::scrub::{Finding, Roster, Scrubber};

use crate::Error;

/// The most input `deid` reads.
pub const MAX_INPUT: usize = 256 * 1024 * 1024;

#[derive(Debug, Deserialize)]
struct Line {
    id: Value,
    text: String,
}

#[derive(Debug, Serialize)]
struct Output<'a> {
    id: &'a Value,
    redacted: String,
    findings: Vec<Finding>,
}

fn bad(message: String) -> Error {
    Error::Rule(tandem_shared::Error::Invalid(message))
}

/// Read a roster file, naming the line that is wrong.
pub fn read_roster(path: &std::path::Path) -> Result<Roster, Error> {
    let bytes = std::fs::read(path).map_err(|source| Error::Io {
        context: format!("cannot read the roster {}", path.display()),
        source,
    })?;
    let text = String::from_utf8(bytes).map_err(|e| {
        bad(format!(
            "the roster {} is not UTF-8 text (invalid byte at offset {}); save it as UTF-8",
            path.display(),
            e.utf8_error().valid_up_to()
        ))
    })?;
    Roster::parse(&text).map_err(|e| bad(format!("{}: {e}", path.display())))
}

fn read_all(input: &mut impl Read) -> Result<Vec<u8>, Error> {
    read_at_most(input, MAX_INPUT)
}

fn read_at_most(input: &mut impl Read, limit: usize) -> Result<Vec<u8>, Error> {
    let mut bytes = Vec::new();
    input
        .take(limit as u64 + 1)
        .read_to_end(&mut bytes)
        .map_err(|source| Error::Io {
            context: "cannot read standard input".into(),
            source,
        })?;
    if bytes.len() > limit {
        return Err(bad(format!(
            "the input is larger than {}; split it into smaller files",
            size(limit)
        )));
    }
    Ok(bytes)
}

/// A byte count for a person.
fn size(bytes: usize) -> String {
    if bytes >= 1024 * 1024 {
        format!("{} MiB", bytes / (1024 * 1024))
    } else {
        format!("{bytes} bytes")
    }
}

/// Where a text holds a control character other than a line break or a tab.
fn control(text: &str) -> Option<(usize, char)> {
    text.char_indices()
        .find(|(_, c)| c.is_control() && !matches!(c, '\n' | '\r' | '\t'))
}

/// Plain mode: the whole input is one text.
pub fn plain(
    scrubber: &Scrubber,
    input: &mut impl Read,
    out: &mut impl Write,
) -> Result<(), Error> {
    let bytes = read_all(input)?;
    let text = std::str::from_utf8(&bytes).map_err(|e| {
        bad(format!(
            "the input is not UTF-8 text (invalid byte at offset {}); convert it first, for \
             example with iconv -t UTF-8",
            e.valid_up_to()
        ))
    })?;
    if text.trim().is_empty() {
        return Err(bad(
            "standard input holds no text; pipe in the text to redact, for example \
             tandem-node deid < note.txt"
                .into(),
        ));
    }
    if let Some((at, c)) = control(text) {
        return Err(bad(format!(
            "the input holds the control character U+{:04X} at byte {at}; deid reads plain text",
            u32::from(c)
        )));
    }
    let scrubbed = scrubber.scrub(text);
    write(out, scrubbed.redacted.as_bytes())
}

/// JSONL mode: one `{"id", "text"}` object per line.
pub fn jsonl(
    scrubber: &Scrubber,
    input: &mut impl Read,
    out: &mut impl Write,
) -> Result<(), Error> {
    let bytes = read_all(input)?;
    let mut lines = Vec::new();
    for (n, raw) in bytes.split(|&b| b == b'\n').enumerate() {
        let number = n + 1;
        let raw = raw.strip_suffix(b"\r").unwrap_or(raw);
        if raw.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        let text = std::str::from_utf8(raw).map_err(|e| {
            bad(format!(
                "line {number} is not UTF-8 (invalid byte at column {}); convert the file to UTF-8",
                e.valid_up_to() + 1
            ))
        })?;
        let line: Line = serde_json::from_str(text).map_err(|e| {
            bad(format!(
                "line {number} is not a JSON object with \"id\" and a string \"text\": {e}"
            ))
        })?;
        // An empty text is a document with nothing to find; control characters are not text.
        if let Some((at, c)) = control(&line.text) {
            return Err(bad(format!(
                "line {number}: the text holds the control character U+{:04X} at byte {at}; \
                 deid reads plain text",
                u32::from(c)
            )));
        }
        lines.push(line);
    }
    let mut buffer = Vec::with_capacity(bytes.len() * 2);
    for line in &lines {
        let scrubbed = scrubber.scrub(&line.text);
        let output = Output {
            id: &line.id,
            redacted: scrubbed.redacted,
            findings: scrubbed.findings,
        };
        serde_json::to_writer(&mut buffer, &output)
            .map_err(|e| bad(format!("cannot write the output: {e}")))?;
        buffer.push(b'\n');
    }
    write(out, &buffer)
}

fn write(out: &mut impl Write, bytes: &[u8]) -> Result<(), Error> {
    out.write_all(bytes)
        .and_then(|()| out.flush())
        .map_err(|source| Error::Io {
            context: "cannot write standard output".into(),
            source,
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run_jsonl(input: &str) -> Result<String, Error> {
        let mut out = Vec::new();
        jsonl(&Scrubber::new(), &mut input.as_bytes(), &mut out)?;
        Ok(String::from_utf8(out).unwrap())
    }

    #[test]
    fn jsonl_gives_byte_offsets_into_the_input() {
        let out = run_jsonl(
            "{\"id\": \"a\", \"text\": \"Réunion le 5 mars avec Dr Lefebvre\"}\n\n{\"id\": 2, \"text\": \"\"}\n",
        )
        .unwrap();
        let lines: Vec<Value> = out
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        assert_eq!(lines.len(), 2);
        assert_eq!(lines[0]["redacted"], "Réunion le [DATE] avec Dr [NAME-1]");
        // "Réunion le " is 12 bytes: é takes two.
        assert_eq!(lines[0]["findings"][0]["start"], 12);
        assert_eq!(lines[0]["findings"][0]["category"], "DATE");
        assert_eq!(lines[1]["id"], 2);
    }

    #[test]
    fn a_bad_line_is_named_and_nothing_is_written() {
        let err = run_jsonl("{\"id\": 1, \"text\": \"ok\"}\n{\"id\": 2}\n").unwrap_err();
        assert!(
            err.to_string().starts_with("line 2 is not a JSON object"),
            "{err}"
        );
        let mut out = Vec::new();
        let err = jsonl(
            &Scrubber::new(),
            &mut &b"{\"id\":1,\"text\":\"\xff\"}"[..],
            &mut out,
        )
        .unwrap_err();
        assert!(err.to_string().contains("line 1 is not UTF-8"), "{err}");
        assert!(out.is_empty());
    }

    #[test]
    fn plain_text_must_be_text() {
        let mut out = Vec::new();
        let err = plain(&Scrubber::new(), &mut &b"abc\x00def"[..], &mut out).unwrap_err();
        assert!(err.to_string().contains("U+0000"), "{err}");
        let err = plain(&Scrubber::new(), &mut &b"caf\xe9"[..], &mut out).unwrap_err();
        assert!(err.to_string().contains("not UTF-8"), "{err}");
        let err = plain(&Scrubber::new(), &mut &b" \n"[..], &mut out).unwrap_err();
        assert!(err.to_string().contains("holds no text"), "{err}");
        assert!(out.is_empty());
        plain(&Scrubber::new(), &mut &b"Call 555-123-4567."[..], &mut out).unwrap();
        assert_eq!(out, b"Call [PHONE].");
    }

    #[test]
    fn jsonl_text_must_be_text() {
        let err =
            run_jsonl("{\"id\": 1, \"text\": \"ok\"}\n{\"id\": 2, \"text\": \"a\\u0007b\"}\n")
                .unwrap_err();
        assert!(
            err.to_string()
                .starts_with("line 2: the text holds the control character U+0007"),
            "{err}"
        );
    }

    #[test]
    fn input_over_the_limit_is_refused() {
        assert_eq!(read_at_most(&mut &b"0123456789"[..], 10).unwrap().len(), 10);
        let err = read_at_most(&mut &b"0123456789A"[..], 10).unwrap_err();
        assert!(
            err.to_string().contains("larger than 10 bytes; split it"),
            "{err}"
        );
    }
}
